using System.Data.Common;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Reactions;

/// <summary>
/// The <c>reactions</c> table: rows queued in the callback's own group commit (<see cref="Enqueue(ICallbackReaction, StoredConferenceEvent, DateTime)"/>),
/// claimed by one instance at a time with a lease (a conditional UPDATE; <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL), and
/// finished. Only the oldest pending row of a lane (a room) can be claimed, so one room's reactions run in order.
/// </summary>
public sealed class ReactionOutbox(
    IDbContextFactory<ContactCenterDbContext> contexts, StorageWriteGate gate, GroupCommitWriter writer, IOptions<StorageOptions> storage, TimeProvider time)
{
    private const string Columns = "reaction, source, source_sid, source_status, sequence_number, lane, state, attempts, may_have_dialed, next_attempt_at, created_at";
    private const string OnConflict = "ON CONFLICT (reaction, source, source_sid, source_status, sequence_number) DO NOTHING";

    // INSERT ... SELECT ... WHERE (SQLite needs the WHERE before an upsert clause); the reaction's condition decides.
    private static string EnqueueEventSql(string? condition) =>
        $"INSERT INTO reactions ({Columns}) SELECT @p0, '{ReactionStates.ConferenceEvent}', @p1, '', @p2, @p1, 'pending', 0, false, @p3, @p3 WHERE {Condition(condition)} {OnConflict}";

    // A dialed leg's callbacks belong to the room the transfer dialed it into; a leg no transfer knows is its own lane.
    private static string EnqueueCallSql(string? condition) => $"""
        INSERT INTO reactions ({Columns}) SELECT @p0, '{ReactionStates.CallStatus}', @p1, @p2, @p3,
            COALESCE((SELECT t.conference_sid FROM transfers t WHERE t.target_call_sid = @p1 ORDER BY t.created_at DESC LIMIT 1), @p1),
            'pending', 0, false, @p4, @p4
        WHERE {Condition(condition)} {OnConflict}
        """;

    private static string Condition(string? condition) => condition is null ? "true" : "(" + condition.Replace("{sid}", "@p1", StringComparison.Ordinal) + ")";

    private bool IsPostgres => storage.Value.Provider == StorageProvider.Postgres;

    public static StorageWrite Enqueue(ICallbackReaction reaction, StoredConferenceEvent e, DateTime now) =>
        new(EnqueueEventSql(reaction.ConditionFor(e)), [reaction.Name, e.ConferenceSid, e.SequenceNumber, now], "conference-event:" + e.ConferenceSid + ":reaction");

    public static StorageWrite Enqueue(ICallbackReaction reaction, StoredCallStatus s, DateTime now) =>
        new(EnqueueCallSql(reaction.CallStatusCondition), [reaction.Name, s.CallSid, s.CallStatus, s.SequenceNumber, now], "call:" + s.CallSid + ":reaction");

    /// <summary>Leases up to <paramref name="max"/> due rows, each the oldest pending row of its lane.</summary>
    public async Task<IReadOnlyList<ClaimedReaction>> ClaimAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var sql = $"""
            UPDATE reactions SET lease_owner = @p0, lease_until = @p1, attempts = attempts + 1
            WHERE id IN (
                SELECT r.id FROM reactions r
                WHERE r.state = 'pending' AND r.next_attempt_at <= @p2 AND (r.lease_until IS NULL OR r.lease_until < @p2) AND r.may_have_dialed = false
                  AND NOT EXISTS (SELECT 1 FROM reactions e WHERE e.lane = r.lane AND e.state = 'pending' AND e.id < r.id)
                ORDER BY r.id LIMIT @p3{(IsPostgres ? " FOR UPDATE SKIP LOCKED" : "")})
              AND state = 'pending' AND (lease_until IS NULL OR lease_until < @p2)
            RETURNING id, reaction, source, source_sid, source_status, sequence_number, attempts
            """;
        var claimed = new List<ClaimedReaction>();
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var command = Command(db.Database.GetDbConnection(), sql, owner, now + lease, now, max);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new ClaimedReaction(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetInt64(5), Convert.ToInt32(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return [.. claimed.OrderBy(c => c.Id)];
    }

    /// <summary>Done, failed or unknown: the row leaves the queue (kept until the retention purge); an earlier attempt's error stays.</summary>
    /// <remarks>In the group commit: the reactions that end together share one commit (one fsync) instead of taking one each.</remarks>
    public Task FinishAsync(long id, string owner, string state, string? error, CancellationToken cancellationToken) =>
        writer.WriteAsync([new("""
            UPDATE reactions SET state = @p0, last_error = COALESCE(@p1, last_error), completed_at = @p2, lease_owner = NULL, lease_until = NULL
            WHERE id = @p3 AND lease_owner = @p4
            """, [state, error, time.GetUtcNow().UtcDateTime, id, owner], "reaction:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture))], cancellationToken);

    /// <summary>Back in the queue, due at <paramref name="due"/>; still the head of its lane, so the room waits for it.</summary>
    public Task RetryLaterAsync(long id, string owner, DateTime due, string? error, CancellationToken cancellationToken) =>
        UpdateAsync(id, owner, s => s.SetProperty(r => r.NextAttemptAt, due).SetProperty(r => r.LastError, error)
            .SetProperty(r => r.LeaseOwner, (string?)null).SetProperty(r => r.LeaseUntil, (DateTime?)null), cancellationToken);

    public Task MarkMayHaveDialedAsync(long id, string owner, CancellationToken cancellationToken) =>
        UpdateAsync(id, owner, s => s.SetProperty(r => r.MayHaveDialed, true), cancellationToken);

    /// <summary>
    /// Rows whose lease ran out after they may have dialed are never run again: marked unknown. With <paramref name="allLeases"/>
    /// (SQLite at start: no other instance can hold one) every lease is given up first, so a restart resumes at once.
    /// </summary>
    public async Task<int> SweepAsync(bool allLeases, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expiredBefore = allLeases ? DateTime.MaxValue : now;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var unknown = await db.Reactions
                .Where(r => r.State == ReactionStates.Pending && r.MayHaveDialed && r.LeaseUntil != null && r.LeaseUntil < expiredBefore)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ReactionStates.Unknown).SetProperty(r => r.CompletedAt, now)
                    .SetProperty(r => r.LastError, "stopped after it may have dialed; not run again"), cancellationToken);
            if (allLeases)
            {
                await db.Reactions.Where(r => r.State == ReactionStates.Pending && r.LeaseOwner != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, (string?)null).SetProperty(r => r.LeaseUntil, (DateTime?)null), cancellationToken);
            }

            return unknown;
        }
    }

    /// <summary>Extends the leases of the rows <paramref name="owner"/> is running, so no other instance takes them over.</summary>
    public Task<int> RenewAsync(string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        OwnedAsync(db => db.Reactions.Where(r => r.LeaseOwner == owner && r.State == ReactionStates.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntil, time.GetUtcNow().UtcDateTime + lease), cancellationToken), cancellationToken);

    /// <summary>
    /// On a graceful stop, after this instance's runs ended: rows it still holds go back to the queue at once (their attempt not
    /// counted), except those that may have dialed, which are marked unknown now as the lease's lapse would have.
    /// </summary>
    public Task<int> ReleaseAsync(string owner, CancellationToken cancellationToken) =>
        OwnedAsync(async db =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var unknown = await db.Reactions.Where(r => r.LeaseOwner == owner && r.State == ReactionStates.Pending && r.MayHaveDialed)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ReactionStates.Unknown).SetProperty(r => r.CompletedAt, now)
                    .SetProperty(r => r.LastError, "stopped after it may have dialed; not run again"), cancellationToken);
            await db.Reactions.Where(r => r.LeaseOwner == owner && r.State == ReactionStates.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, (string?)null).SetProperty(r => r.LeaseUntil, (DateTime?)null)
                    .SetProperty(r => r.Attempts, r => r.Attempts - 1), cancellationToken);
            return unknown;
        }, cancellationToken);

    private async Task<int> OwnedAsync(Func<ContactCenterDbContext, Task<int>> work, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await work(db);
        }
    }

    private async Task UpdateAsync(
        long id, string owner, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ReactionRow>> set, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Reactions.Where(r => r.Id == id && r.LeaseOwner == owner).ExecuteUpdateAsync(set, cancellationToken);
        }
    }

    private static DbCommand Command(DbConnection connection, string sql, params object[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            parameter.Value = parameters[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
