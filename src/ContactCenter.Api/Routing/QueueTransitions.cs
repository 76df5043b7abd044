using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Routing;

/// <summary>What a transition found: the entry's agent and the agent leg that may still ring (to hang up), when there was an offer.</summary>
public sealed record Released(string? AgentId, string? AgentCallSid, string? ConferenceSid, Waited? Wait = null);

/// <summary>How long a caller waited in <paramref name="QueueId"/> until answered or abandoned (for the queue metrics).</summary>
public sealed record Waited(string QueueId, TimeSpan Duration);

/// <summary>
/// The entry and agent moves that Twilio's callbacks drive, each one transaction of conditional updates: a redelivered
/// or second-instance callback finds the state already moved and changes nothing (null).
/// </summary>
public sealed class QueueTransitions(
    IDbContextFactory<ContactCenterDbContext> contexts, StorageWriteGate gate, TimeProvider time, Operations.ContactCenterMetrics metrics)
{
    /// <summary>
    /// The offer ended without an answer: the entry waits again with its arrival time (its place in line). With
    /// <paramref name="miss"/> the agent gets a miss and at <paramref name="maxNoAnswer"/> misses goes away (missed-calls).
    /// </summary>
    public Task<Released?> ReturnOfferAsync(string callerCallSid, string? agentCallSid, bool miss, int maxNoAnswer, CancellationToken cancellationToken) =>
        InTransactionAsync(async (db, now) =>
        {
            var entry = await db.QueueEntries.AsNoTracking().FirstOrDefaultAsync(q => q.CallerCallSid == callerCallSid, cancellationToken);
            if (entry is null || entry.State != EntryStates.Offering || entry.OfferedAgentId is null
                || (agentCallSid is not null && entry.OfferedCallSid is not null && entry.OfferedCallSid != agentCallSid))
            {
                return null;
            }

            if (await db.QueueEntries.Where(q => q.CallerCallSid == callerCallSid && q.Version == entry.Version).ExecuteUpdateAsync(s => s
                .SetProperty(q => q.State, EntryStates.Waiting).SetProperty(q => q.OfferedAgentId, (string?)null)
                .SetProperty(q => q.OfferedCallSid, (string?)null).SetProperty(q => q.OfferedAt, (DateTime?)null)
                .SetProperty(q => q.Version, q => q.Version + 1), cancellationToken) != 1)
            {
                return null;
            }

            await FreeAgentAsync(db, entry.OfferedAgentId, callerCallSid, now, miss, maxNoAnswer, cancellationToken);
            return new Released(entry.OfferedAgentId, entry.OfferedCallSid ?? agentCallSid, entry.ConferenceSid);
        }, cancellationToken);

    /// <summary>The offered agent joined the caller's room: entry connected, agent on-call, misses reset.</summary>
    public Task<Released?> ConnectAsync(string conferenceSid, string agentCallSid, CancellationToken cancellationToken) =>
        InTransactionAsync(async (db, now) =>
        {
            var entry = await db.QueueEntries.AsNoTracking()
                .FirstOrDefaultAsync(q => q.ConferenceSid == conferenceSid && q.State == EntryStates.Offering, cancellationToken);
            if (entry?.OfferedAgentId is not { } agentId)
            {
                return null;
            }

            if (await db.QueueEntries.Where(q => q.CallerCallSid == entry.CallerCallSid && q.State == EntryStates.Offering && q.OfferedAgentId == agentId)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.State, EntryStates.Connected).SetProperty(q => q.OfferedCallSid, agentCallSid)
                    .SetProperty(q => q.AnsweredAt, now).SetProperty(q => q.Version, q => q.Version + 1), cancellationToken) != 1)
            {
                return null;
            }

            await db.AgentStates.Where(a => a.AgentId == agentId && a.Presence == Presences.Ringing && a.CurrentCallerCallSid == entry.CallerCallSid)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Presence, Presences.OnCall).SetProperty(a => a.Since, now)
                    .SetProperty(a => a.ConsecutiveMisses, 0).SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);
            return new Released(agentId, agentCallSid, conferenceSid, new Waited(entry.QueueId, now - entry.EnteredAt));
        }, cancellationToken).Answered(metrics);

    /// <summary>
    /// An agent dialed by hand joined a room whose caller still waits: the caller is answered and leaves the line, so
    /// dispatch never rings a second agent for them.
    /// </summary>
    public Task<Released?> ConnectByHandAsync(string conferenceSid, string agentCallSid, CancellationToken cancellationToken) =>
        InTransactionAsync(async (db, now) =>
        {
            var prefix = conferenceSid + ":";
            var agentId = await db.AgentStates.AsNoTracking().Where(a => a.CurrentCallerCallSid != null && a.CurrentCallerCallSid.StartsWith(prefix))
                .Select(a => a.AgentId).FirstOrDefaultAsync(cancellationToken);
            var moved = await db.QueueEntries.Where(q => q.ConferenceSid == conferenceSid && q.State == EntryStates.Waiting)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.State, EntryStates.Connected).SetProperty(q => q.OfferedAgentId, agentId)
                    .SetProperty(q => q.OfferedCallSid, agentCallSid).SetProperty(q => q.OfferedAt, now).SetProperty(q => q.AnsweredAt, now)
                    .SetProperty(q => q.Version, q => q.Version + 1), cancellationToken);
            if (moved != 1)
            {
                return null;
            }

            var entry = await db.QueueEntries.AsNoTracking().Where(q => q.ConferenceSid == conferenceSid && q.State == EntryStates.Connected)
                .Select(q => new { q.QueueId, q.EnteredAt }).FirstOrDefaultAsync(cancellationToken);
            return new Released(agentId, agentCallSid, conferenceSid, entry is null ? null : new Waited(entry.QueueId, now - entry.EnteredAt));
        }, cancellationToken).Answered(metrics);

    /// <summary>The caller left: a waiting or offered entry is abandoned; an offered agent is available again with no miss.</summary>
    public Task<Released?> AbandonAsync(string callerCallSid, CancellationToken cancellationToken) =>
        InTransactionAsync(async (db, now) =>
        {
            var entry = await db.QueueEntries.AsNoTracking().FirstOrDefaultAsync(q => q.CallerCallSid == callerCallSid, cancellationToken);
            if (entry is null || entry.State is not (EntryStates.Waiting or EntryStates.Offering))
            {
                return null;
            }

            if (await db.QueueEntries.Where(q => q.CallerCallSid == callerCallSid && q.Version == entry.Version).ExecuteUpdateAsync(s => s
                .SetProperty(q => q.State, EntryStates.Abandoned).SetProperty(q => q.EndedAt, now)
                .SetProperty(q => q.Version, q => q.Version + 1), cancellationToken) != 1)
            {
                return null;
            }

            if (entry.State == EntryStates.Offering && entry.OfferedAgentId is { } agentId)
            {
                await FreeAgentAsync(db, agentId, callerCallSid, now, miss: false, 0, cancellationToken);
            }

            return new Released(entry.OfferedAgentId, entry.OfferedCallSid, entry.ConferenceSid, new Waited(entry.QueueId, now - entry.EnteredAt));
        }, cancellationToken).Abandoned(metrics);

    /// <summary>The room ended: a connected entry ends and its agent wraps up until now + <paramref name="wrapUpSeconds"/>.</summary>
    public Task<Released?> EndAsync(string conferenceSid, int wrapUpSeconds, CancellationToken cancellationToken) =>
        InTransactionAsync(async (db, now) =>
        {
            var entry = await db.QueueEntries.AsNoTracking()
                .FirstOrDefaultAsync(q => q.ConferenceSid == conferenceSid && q.State == EntryStates.Connected, cancellationToken);
            if (entry is null || await db.QueueEntries.Where(q => q.CallerCallSid == entry.CallerCallSid && q.Version == entry.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.State, EntryStates.Ended).SetProperty(q => q.EndedAt, now)
                    .SetProperty(q => q.Version, q => q.Version + 1), cancellationToken) != 1)
            {
                return null;
            }

            var until = now.AddSeconds(wrapUpSeconds);
            await db.AgentStates.Where(a => a.AgentId == entry.OfferedAgentId && a.CurrentCallerCallSid == entry.CallerCallSid
                    && (a.Presence == Presences.OnCall || a.Presence == Presences.Ringing))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Presence, wrapUpSeconds > 0 ? Presences.WrapUp : Presences.Available)
                    .SetProperty(a => a.Since, now).SetProperty(a => a.LastCallEndedAt, now).SetProperty(a => a.CurrentCallerCallSid, (string?)null)
                    .SetProperty(a => a.WrapUpUntil, wrapUpSeconds > 0 ? until : null).SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);
            return new Released(entry.OfferedAgentId, entry.OfferedCallSid, conferenceSid);
        }, cancellationToken);

    private static async Task FreeAgentAsync(
        ContactCenterDbContext db, string agentId, string callerCallSid, DateTime now, bool miss, int maxNoAnswer, CancellationToken cancellationToken)
    {
        var agent = await db.AgentStates.AsNoTracking().FirstOrDefaultAsync(a => a.AgentId == agentId, cancellationToken);
        if (agent is null || agent.Presence != Presences.Ringing || agent.CurrentCallerCallSid != callerCallSid)
        {
            return;
        }

        var misses = miss ? agent.ConsecutiveMisses + 1 : agent.ConsecutiveMisses;
        var away = miss && maxNoAnswer > 0 && misses >= maxNoAnswer;
        await db.AgentStates.Where(a => a.AgentId == agentId && a.Version == agent.Version).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Presence, away ? Presences.Away : Presences.Available).SetProperty(a => a.Reason, away ? "missed-calls" : null)
            .SetProperty(a => a.Since, now).SetProperty(a => a.ConsecutiveMisses, misses).SetProperty(a => a.CurrentCallerCallSid, (string?)null)
            .SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);
    }

    private async Task<Released?> InTransactionAsync(Func<ContactCenterDbContext, DateTime, Task<Released?>> work, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work(db, now);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
    }
}

/// <summary>The queue metrics of a transition, counted once it committed and only when it moved the entry (not on a redelivery).</summary>
internal static class TransitionMetrics
{
    public static async Task<Released?> Answered(this Task<Released?> transition, Operations.ContactCenterMetrics metrics)
    {
        var released = await transition;
        if (released?.Wait is { } wait)
        {
            metrics.Answered(wait.QueueId, wait.Duration);
        }

        return released;
    }

    public static async Task<Released?> Abandoned(this Task<Released?> transition, Operations.ContactCenterMetrics metrics)
    {
        var released = await transition;
        if (released?.Wait is { } wait)
        {
            metrics.Abandoned(wait.QueueId, wait.Duration);
        }

        return released;
    }
}
