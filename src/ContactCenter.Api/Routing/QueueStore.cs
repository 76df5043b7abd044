using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Routing;

/// <summary>
/// <c>queue_entries</c> and the claims that pair an entry with an agent. A claim moves the entry waiting -> offering and
/// the agent available -> ringing in ONE transaction, both conditional on the version read: of two instances racing for
/// the same caller or agent exactly one commits. PostgreSQL first locks the entry with <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
public sealed class QueueStore(IDbContextFactory<ContactCenterDbContext> contexts, StorageWriteGate gate, TimeProvider time)
{
    /// <summary>Adds the caller to its queue; false when it is already there (a redelivered or second-instance join).</summary>
    public async Task<bool> EnqueueAsync(
        string callerCallSid, string conferenceSid, string queueId, int priority, int maxWaitSeconds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        DateTime? due = maxWaitSeconds > 0 ? now.AddSeconds(maxWaitSeconds) : null;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Database.ExecuteSqlAsync($"""
                INSERT INTO queue_entries (caller_call_sid, conference_sid, queue_id, priority, entered_at, state, max_wait_due_at, version)
                VALUES ({callerCallSid}, {conferenceSid}, {queueId}, {priority}, {now}, {EntryStates.Waiting}, {due}, {0})
                ON CONFLICT DO NOTHING
                """, cancellationToken) == 1;
        }
    }

    /// <summary>Waiting entries, first in line first: priority (higher first), then arrival.</summary>
    public async Task<List<QueueEntryRow>> WaitingAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.QueueEntries.AsNoTracking().Where(q => q.State == EntryStates.Waiting)
            .OrderByDescending(q => q.Priority).ThenBy(q => q.EnteredAt).ThenBy(q => q.CallerCallSid).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<List<AgentStateRow>> AvailableAgentsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AgentStates.AsNoTracking().Where(a => a.Presence == Presences.Available).ToListAsync(cancellationToken);
    }

    /// <summary>Calls each agent answered since <paramref name="since"/> (for fewest-calls).</summary>
    public async Task<Dictionary<string, int>> AnsweredCountsAsync(DateTime since, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.QueueEntries.AsNoTracking().Where(q => q.AnsweredAt != null && q.AnsweredAt >= since && q.OfferedAgentId != null)
            .Select(q => q.OfferedAgentId!).ToListAsync(cancellationToken);
        return rows.GroupBy(id => id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    public async Task<QueueEntryRow?> GetAsync(string callerCallSid, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.QueueEntries.AsNoTracking().FirstOrDefaultAsync(q => q.CallerCallSid == callerCallSid, cancellationToken);
    }

    public async Task<QueueEntryRow?> ByConferenceAsync(string conferenceSid, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.QueueEntries.AsNoTracking().Where(q => q.ConferenceSid == conferenceSid)
            .OrderByDescending(q => q.EnteredAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The entry offering and the agent ringing, or neither.</summary>
    public async Task<bool> TryClaimAsync(QueueEntryRow entry, AgentStateRow agent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
            {
                var locked = await db.Database.SqlQuery<string>($"""
                    SELECT caller_call_sid AS "Value" FROM queue_entries WHERE caller_call_sid = {entry.CallerCallSid} AND state = 'waiting'
                    FOR UPDATE SKIP LOCKED
                    """).ToListAsync(cancellationToken);
                if (locked.Count == 0)
                {
                    return false;
                }
            }

            var offered = await db.QueueEntries
                .Where(q => q.CallerCallSid == entry.CallerCallSid && q.State == EntryStates.Waiting && q.Version == entry.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.State, EntryStates.Offering).SetProperty(q => q.OfferedAgentId, agent.AgentId)
                    .SetProperty(q => q.OfferedCallSid, (string?)null).SetProperty(q => q.OfferedAt, now)
                    .SetProperty(q => q.Version, q => q.Version + 1), cancellationToken);
            if (offered != 1)
            {
                return false;
            }

            var ringing = await db.AgentStates
                .Where(a => a.AgentId == agent.AgentId && a.Presence == Presences.Available && a.Version == agent.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Presence, Presences.Ringing).SetProperty(a => a.Reason, (string?)null)
                    .SetProperty(a => a.Since, now).SetProperty(a => a.LastOfferedAt, now)
                    .SetProperty(a => a.CurrentCallerCallSid, entry.CallerCallSid).SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);
            if (ringing != 1)
            {
                return false;
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }
    }

    /// <summary>Stores the agent leg of the current offer.</summary>
    public async Task SetOfferedCallSidAsync(string callerCallSid, string agentId, string callSid, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.QueueEntries.Where(q => q.CallerCallSid == callerCallSid && q.State == EntryStates.Offering && q.OfferedAgentId == agentId)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.OfferedCallSid, callSid).SetProperty(q => q.Version, q => q.Version + 1), cancellationToken);
        }
    }

    /// <summary>Waiting entries whose max wait has passed, each moved to <paramref name="state"/> by whichever instance gets it.</summary>
    public async Task<List<QueueEntryRow>> ClaimDueMaxWaitAsync(Func<string, string> stateOf, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<QueueEntryRow> due;
        await using (var read = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = await read.QueueEntries.AsNoTracking()
                .Where(q => q.State == EntryStates.Waiting && q.MaxWaitDueAt != null && q.MaxWaitDueAt <= now)
                .OrderBy(q => q.MaxWaitDueAt).Take(50).ToListAsync(cancellationToken);
        }

        var claimed = new List<QueueEntryRow>();
        foreach (var entry in due)
        {
            var state = stateOf(entry.QueueId);
            using (await gate.EnterAsync(cancellationToken))
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                if (await db.QueueEntries.Where(q => q.CallerCallSid == entry.CallerCallSid && q.State == EntryStates.Waiting && q.Version == entry.Version)
                    .ExecuteUpdateAsync(s => s.SetProperty(q => q.State, state).SetProperty(q => q.EndedAt, now)
                        .SetProperty(q => q.Version, q => q.Version + 1), cancellationToken) == 1)
                {
                    claimed.Add(entry);
                }
            }
        }

        return claimed;
    }
}
