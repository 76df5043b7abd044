using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Control;

/// <summary>Transfer states as stored. Dialing and connected are active: at most one per room.</summary>
public static class TransferStates
{
    public const string Dialing = "dialing";
    public const string Connected = "connected";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    public static readonly string[] Active = [Dialing, Connected];
}

/// <summary>
/// Persisted transfers, shared by every instance. Every state change is a conditional update (<c>WHERE state IN
/// expected</c>): when two instances react to the same callback, exactly one sees its update take effect and acts.
/// </summary>
public sealed class TransferStore(IDbContextFactory<ContactCenterDbContext> contexts, StorageWriteGate gate, TimeProvider time)
{
    /// <summary>
    /// False when the room already has an active transfer (the partial unique index refused the row). The conflict is
    /// expected (two admins, or two instances, racing): <c>ON CONFLICT DO NOTHING</c> answers it without an exception,
    /// so neither EF Core nor the driver logs it as an error. Any other failure still throws.
    /// </summary>
    public async Task<bool> TryInsertAsync(TransferRow row, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // Runs unchanged on SQLite (3.24+) and PostgreSQL (9.5+); without a target it covers the partial index.
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO transfers (id, conference_sid, type, state, target_kind, target_id, target_call_sid, first_agent_call_sid,
                    customer_call_sid, reason, actor, created_at, updated_at, version, settled, target_label)
                VALUES ({row.Id}, {row.ConferenceSid}, {row.Type}, {row.State}, {row.TargetKind}, {row.TargetId}, {row.TargetCallSid},
                    {row.FirstAgentCallSid}, {row.CustomerCallSid}, {row.Reason}, {row.Actor}, {row.CreatedAt}, {row.UpdatedAt}, {row.Version},
                    {row.Settled}, {row.TargetLabel})
                ON CONFLICT DO NOTHING
                """, cancellationToken);
            return inserted == 1;
        }
    }

    public async Task<TransferRow?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Transfers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
    }

    /// <summary>The start's steps are done: the target's leg is known and the transfer settled.</summary>
    public async Task SetTargetCallSidAsync(string id, string callSid, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Transfers.Where(t => t.Id == id).ExecuteUpdateAsync(
                s => s.SetProperty(t => t.TargetCallSid, callSid).SetProperty(t => t.Settled, true).SetProperty(t => t.UpdatedAt, now)
                    .SetProperty(t => t.Version, t => t.Version + 1),
                cancellationToken);
        }
    }

    /// <summary>
    /// Moves the transfer from one of <paramref name="from"/> to <paramref name="to"/>; true only for the caller whose update took effect.
    /// With <paramref name="owesSteps"/> the transfer stays unsettled until <see cref="SettleAsync"/>: a crash in between is finished by recovery.
    /// </summary>
    public async Task<bool> TransitionAsync(string id, string[] from, string to, string? reason, CancellationToken cancellationToken, bool owesSteps = true)
    {
        var now = time.GetUtcNow().UtcDateTime;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Transfers.Where(t => t.Id == id && from.Contains(t.State)).ExecuteUpdateAsync(
                s => s.SetProperty(t => t.State, to).SetProperty(t => t.Reason, reason).SetProperty(t => t.UpdatedAt, now)
                    .SetProperty(t => t.Settled, t => t.Settled && !owesSteps).SetProperty(t => t.Version, t => t.Version + 1),
                cancellationToken) == 1;
        }
    }

    /// <summary>The Twilio requests owed by the latest state change have been made (or failed for good).</summary>
    public async Task SettleAsync(string id, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Transfers.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Settled, true), cancellationToken);
        }
    }

    /// <summary>Transfers whose steps nobody has touched since <paramref name="before"/>: left half-done by a crash.</summary>
    public async Task<List<TransferRow>> UnsettledAsync(DateTime before, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Transfers.AsNoTracking().Where(t => !t.Settled && t.UpdatedAt < before).OrderBy(t => t.UpdatedAt).Take(100).ToListAsync(cancellationToken);
    }

    /// <summary>Claims an unsettled transfer for recovery (its version unchanged since read); true for exactly one instance.</summary>
    public async Task<bool> TakeOverAsync(string id, long version, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Transfers.Where(t => t.Id == id && t.Version == version && !t.Settled).ExecuteUpdateAsync(
                s => s.SetProperty(t => t.UpdatedAt, now).SetProperty(t => t.Version, t => t.Version + 1), cancellationToken) == 1;
        }
    }

    /// <summary>The active transfer whose target or customer leg is <paramref name="callSid"/>.</summary>
    public async Task<TransferRow?> FindActiveByLegAsync(string callSid, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Transfers.AsNoTracking()
            .Where(t => (t.TargetCallSid == callSid || t.CustomerCallSid == callSid) && TransferStates.Active.Contains(t.State))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The room's most recently completed transfer: its target is the room's agent while still in the room.</summary>
    public async Task<TransferRow?> LatestCompletedAsync(string conferenceSid, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Transfers.AsNoTracking()
            .Where(t => t.ConferenceSid == conferenceSid && t.State == TransferStates.Completed && t.TargetCallSid != null)
            .OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<TransferRow?> ActiveForRoomAsync(string conferenceSid, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Transfers.AsNoTracking()
            .Where(t => t.ConferenceSid == conferenceSid && TransferStates.Active.Contains(t.State))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
