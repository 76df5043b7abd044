using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Control;

/// <summary>One audit entry as the admin API shows it (targets are agent ids, CallSids or masked numbers).</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string? Room, string? Target, string Outcome, string? Detail);

/// <summary>The audit trail of conference control: every admin action (ok, refused or failed) and every automatic recovery.</summary>
public sealed class AuditLog(IDbContextFactory<ContactCenterDbContext> contexts, StorageWriteGate gate, TimeProvider time)
{
    public const int MaxLimit = 500;

    public const string Ok = "ok";

    public async Task RecordAsync(string actor, string action, string? room, string? target, string outcome, string? detail, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.Audit.Add(new AuditRow
            {
                At = time.GetUtcNow().UtcDateTime,
                Actor = actor,
                Action = action,
                Room = room,
                Target = target,
                Outcome = outcome,
                Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Newest first; <paramref name="rooms"/> (a room's friendly name and ConferenceSid) filters by room.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string[]? rooms, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Audit.AsNoTracking();
        if (rooms is { Length: > 0 })
        {
            rows = rows.Where(a => a.Room != null && rooms.Contains(a.Room));
        }

        var list = await rows.OrderByDescending(a => a.Id).Take(Math.Clamp(limit, 1, MaxLimit)).ToListAsync(cancellationToken);
        return [.. list.Select(a => new AuditEntry(
            a.Id, new DateTimeOffset(DateTime.SpecifyKind(a.At, DateTimeKind.Utc)), a.Actor, a.Action, a.Room, a.Target, a.Outcome, a.Detail))];
    }
}
