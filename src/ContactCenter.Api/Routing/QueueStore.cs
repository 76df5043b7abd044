using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Routing;

/// <summary>
/// <c>queue_entries</c> and the claims that pair an entry with an agent. A claim moves the entry waiting -> offering and
/// the agent available -> ringing in ONE transaction, both conditional on the version read: of two instances racing for
/// the same caller or agent exactly one commits. PostgreSQL first locks the entry with <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
public sealed class QueueStore(IDbContextFactory<ContactCenterDbContext> contexts, StorageWriteGate gate, GroupCommitWriter writer, TimeProvider time)
{
    /// <summary>The caller's entry, with its number when known, as a write of the join callback's own commit (<see cref="EnqueueAsync"/> in one statement).</summary>
    public static StorageWrite EnqueueWrite(string callerCallSid, string conferenceSid, QueueOptions settings, int priority, DateTime now, string? callerNumber = null) =>
        new($"""
            INSERT INTO queue_entries (caller_call_sid, conference_sid, queue_id, priority, entered_at, state, max_wait_due_at, caller_number, version)
            VALUES (@p0, @p1, @p2, @p3, @p4, '{EntryStates.Waiting}', @p5, @p6, 0)
            ON CONFLICT DO NOTHING
            """,
            [callerCallSid, conferenceSid, settings.Id!, priority, now, settings.MaxWaitSeconds > 0 ? now.AddSeconds(settings.MaxWaitSeconds) : null, callerNumber],
            "queue-entry:" + callerCallSid);

    /// <summary>Adds the caller to its queue; false when it is already there (a redelivered or second-instance join, or put there by its callback's commit).</summary>
    public async Task<bool> EnqueueAsync(
        string callerCallSid, string conferenceSid, string queueId, int priority, int maxWaitSeconds, CancellationToken cancellationToken)
    {
        if (await GetAsync(callerCallSid, cancellationToken) is not null)
        {
            return false; // no write, no commit
        }

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
    public Task<bool> TryClaimAsync(QueueEntryRow entry, AgentStateRow agent, CancellationToken cancellationToken) =>
        TryClaimAllAsync([(entry, agent)], cancellationToken);

    /// <summary>
    /// Every pair's entry offering and agent ringing in one transaction, or none: each update is conditional on the version
    /// read, so a pair whose caller or agent changed since (another instance's claim, an abandon) rolls the whole batch back.
    /// One statement per table whatever the number of pairs.
    /// </summary>
    public async Task<bool> TryClaimAllAsync(IReadOnlyList<(QueueEntryRow Entry, AgentStateRow Agent)> pairs, CancellationToken cancellationToken)
    {
        // {0} is now; then three values per pair.
        object[] entryArgs = [time.GetUtcNow().UtcDateTime, .. pairs.SelectMany(p => new object[] { p.Entry.CallerCallSid, p.Entry.Version, p.Agent.AgentId })];
        object[] agentArgs = [entryArgs[0], .. pairs.SelectMany(p => new object[] { p.Agent.AgentId, p.Agent.Version, p.Entry.CallerCallSid })];
        var rows = string.Join(", ", pairs.Select((_, i) => $"({{{3 * i + 1}}}, {{{3 * i + 2}}}, {{{3 * i + 3}}})"));
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
            {
                // Entries locked by another instance's claim are skipped, never waited for: that batch is then given up.
                var sids = pairs.Select(p => p.Entry.CallerCallSid).ToArray();
                var locked = await db.Database.SqlQuery<string>($"""
                    SELECT caller_call_sid AS "Value" FROM queue_entries WHERE caller_call_sid = ANY({sids}) AND state = 'waiting'
                    FOR UPDATE SKIP LOCKED
                    """).ToListAsync(cancellationToken);
                if (locked.Count != sids.Length)
                {
                    return false;
                }

                // Agents locked in one global order: two instances' batches never wait on each other's agent rows in a cycle.
                var agentIds = pairs.Select(p => p.Agent.AgentId).ToArray();
                await db.Database.SqlQuery<string>($"""
                    SELECT agent_id AS "Value" FROM agent_states WHERE agent_id = ANY({agentIds}) ORDER BY agent_id FOR UPDATE
                    """).ToListAsync(cancellationToken);
            }

            // Only constants and {n} placeholders are put into the text; every value is a parameter.
            var offerSql = $$"""
                WITH v(sid, ver, agent) AS (VALUES {{rows}})
                UPDATE queue_entries SET state = '{{EntryStates.Offering}}', offered_agent_id = v.agent, offered_call_sid = NULL, offered_at = {0},
                    version = queue_entries.version + 1
                FROM v WHERE queue_entries.caller_call_sid = v.sid AND queue_entries.state = '{{EntryStates.Waiting}}' AND queue_entries.version = v.ver
                """;
            var offered = await db.Database.ExecuteSqlRawAsync(offerSql, entryArgs, cancellationToken);
            if (offered != pairs.Count)
            {
                return false;
            }

            var ringSql = $$"""
                WITH v(agent, ver, caller) AS (VALUES {{rows}})
                UPDATE agent_states SET presence = '{{Presences.Ringing}}', reason = NULL, since = {0}, last_offered_at = {0},
                    current_caller_call_sid = v.caller, version = agent_states.version + 1
                FROM v WHERE agent_states.agent_id = v.agent AND agent_states.presence = '{{Presences.Available}}' AND agent_states.version = v.ver
                """;
            var ringing = await db.Database.ExecuteSqlRawAsync(ringSql, agentArgs, cancellationToken);
            if (ringing != pairs.Count)
            {
                return false;
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }
    }

    /// <summary>
    /// Stores the agent leg of the current offer, in the ingestion's group commit: the dials of one batch share a commit
    /// (with whatever callbacks arrive meanwhile) instead of taking one each.
    /// </summary>
    public Task SetOfferedCallSidAsync(string callerCallSid, string agentId, string callSid, CancellationToken cancellationToken) =>
        writer.WriteAsync([new($"""
            UPDATE queue_entries SET offered_call_sid = @p0, version = version + 1
            WHERE caller_call_sid = @p1 AND state = '{EntryStates.Offering}' AND offered_agent_id = @p2
            """, [callSid, callerCallSid, agentId], "queue-entry:" + callerCallSid)], cancellationToken);

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
