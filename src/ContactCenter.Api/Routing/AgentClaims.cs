using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary>What claiming an agent for a dial by hand found.</summary>
public enum ClaimOutcome
{
    /// <summary>The agent is now ringing for this dial.</summary>
    Claimed,

    /// <summary>Routing has the agent ringing or on a call: refuse (409).</summary>
    Busy,

    /// <summary>Routing does not track the agent (routing off): nothing to claim, nothing to release.</summary>
    Untracked,
}

/// <summary>
/// Agents dialed by hand (connect-agent, transfers, transfers to a queue): claimed ringing before the dial with a
/// conditional update, so of two concurrent requests for one agent exactly one dials. The holder is
/// <c>&lt;ConferenceSid&gt;:&lt;label&gt;</c> (a routed offer's holder is the caller's CallSid); the presence the agent
/// had is kept in <c>reason</c> (<c>dialed-from:away</c>) so a dial that is never answered gives it back.
/// </summary>
public sealed class AgentClaims(
    IDbContextFactory<ContactCenterDbContext> contexts, StorageWriteGate gate, QueueStore queue, IOptions<RoutingOptions> options, TimeProvider time)
{
    public const string DialedFrom = "dialed-from:";

    public static string Holder(string conferenceSid, string label) => conferenceSid + ":" + label;

    /// <summary>Available, offline, away or wrap-up -> ringing for <paramref name="holder"/>.</summary>
    public async Task<ClaimOutcome> ClaimAsync(string agentId, string holder, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var row = await GetAsync(agentId, cancellationToken);
            if (row is null)
            {
                return ClaimOutcome.Untracked;
            }

            if (Presences.Busy.Contains(row.Presence))
            {
                return ClaimOutcome.Busy;
            }

            if (await TryRingAsync(row, holder, cancellationToken))
            {
                return ClaimOutcome.Claimed;
            }
        }

        return ClaimOutcome.Busy;
    }

    /// <summary>An available agent of <paramref name="settings"/> picked by its strategy, claimed ringing; null when none is free.</summary>
    public async Task<string?> ClaimFromQueueAsync(QueueOptions settings, string holder, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var eligible = (await queue.AvailableAgentsAsync(cancellationToken))
                .Where(a => settings.Agents.Contains(a.AgentId, StringComparer.Ordinal)).ToList();
            if (eligible.Count == 0)
            {
                return null;
            }

            var counts = settings.Strategy == RoutingStrategies.FewestCalls
                ? await queue.AnsweredCountsAsync(time.GetUtcNow().UtcDateTime.Date, cancellationToken) : null;
            var picked = Strategies.Pick(settings.Strategy, eligible, counts);
            if (await TryRingAsync(picked, holder, cancellationToken))
            {
                return picked.AgentId;
            }
        }

        return null;
    }

    /// <summary>The claimed leg joined: ringing -> on-call.</summary>
    public async Task JoinedAsync(string holder, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.AgentStates.Where(a => a.CurrentCallerCallSid == holder && a.Presence == Presences.Ringing).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Presence, Presences.OnCall).SetProperty(a => a.Reason, (string?)null).SetProperty(a => a.Since, now)
                .SetProperty(a => a.ConsecutiveMisses, 0).SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);
        }
    }

    /// <summary>
    /// The held leg is over. Never answered (<paramref name="answered"/> false, still ringing): the agent gets back the presence
    /// they had, with a miss when <paramref name="miss"/> (away after their queue's MaxNoAnswer, as dispatch does). Answered
    /// (or on-call): wrap-up for their queue's WrapUpSeconds, available at once when 0 or in no queue. True when it moved.
    /// </summary>
    public async Task<bool> ReleaseAsync(string holder, bool answered, bool miss, CancellationToken cancellationToken)
    {
        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await read.AgentStates.AsNoTracking()
            .Where(a => a.CurrentCallerCallSid == holder && (a.Presence == Presences.Ringing || a.Presence == Presences.OnCall)).ToListAsync(cancellationToken);
        var moved = false;
        foreach (var row in rows)
        {
            moved |= await EndAsync(row, answered || row.Presence == Presences.OnCall, miss, cancellationToken);
        }

        return moved;
    }

    /// <summary>The room ended: every agent held by one of its dials is released as answered.</summary>
    public async Task ReleaseRoomAsync(string conferenceSid, CancellationToken cancellationToken)
    {
        var prefix = conferenceSid + ":";
        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        var holders = await read.AgentStates.AsNoTracking().Where(a => a.CurrentCallerCallSid != null && a.CurrentCallerCallSid.StartsWith(prefix))
            .Select(a => a.CurrentCallerCallSid!).ToListAsync(cancellationToken);
        foreach (var holder in holders.Distinct(StringComparer.Ordinal))
        {
            await ReleaseAsync(holder, answered: true, miss: false, cancellationToken);
        }
    }

    private async Task<bool> TryRingAsync(AgentStateRow row, string holder, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.AgentStates.Where(a => a.AgentId == row.AgentId && a.Version == row.Version
                    && a.Presence != Presences.Ringing && a.Presence != Presences.OnCall)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Presence, Presences.Ringing).SetProperty(a => a.Reason, DialedFrom + row.Presence)
                    .SetProperty(a => a.Since, now).SetProperty(a => a.LastOfferedAt, now).SetProperty(a => a.WrapUpUntil, (DateTime?)null)
                    .SetProperty(a => a.CurrentCallerCallSid, holder).SetProperty(a => a.Version, a => a.Version + 1), cancellationToken) == 1;
        }
    }

    private async Task<bool> EndAsync(AgentStateRow row, bool answered, bool miss, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var settings = options.Value.Queues.FirstOrDefault(q => q.Agents.Contains(row.AgentId, StringComparer.Ordinal));
        var wrapUp = settings?.WrapUpSeconds ?? 0;
        var before = row.Reason is { } reason && reason.StartsWith(DialedFrom, StringComparison.Ordinal) ? reason[DialedFrom.Length..] : Presences.Available;
        var misses = !answered && miss ? row.ConsecutiveMisses + 1 : row.ConsecutiveMisses;
        var (presence, why) = answered
            ? (wrapUp > 0 ? Presences.WrapUp : Presences.Available, (string?)null)
            : before == Presences.Available && miss && settings is { MaxNoAnswer: > 0 } && misses >= settings.MaxNoAnswer
                ? (Presences.Away, "missed-calls")
                : (before == Presences.WrapUp ? Presences.Available : before, (string?)null);
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.AgentStates.Where(a => a.AgentId == row.AgentId && a.Version == row.Version).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Presence, presence).SetProperty(a => a.Reason, why).SetProperty(a => a.Since, now)
                .SetProperty(a => a.ConsecutiveMisses, misses).SetProperty(a => a.CurrentCallerCallSid, (string?)null)
                .SetProperty(a => a.LastCallEndedAt, answered ? now : row.LastCallEndedAt)
                .SetProperty(a => a.WrapUpUntil, answered && wrapUp > 0 ? now.AddSeconds(wrapUp) : (DateTime?)null)
                .SetProperty(a => a.Version, a => a.Version + 1), cancellationToken) == 1;
        }
    }

    private async Task<AgentStateRow?> GetAsync(string agentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AgentStates.AsNoTracking().FirstOrDefaultAsync(a => a.AgentId == agentId, cancellationToken);
    }
}
