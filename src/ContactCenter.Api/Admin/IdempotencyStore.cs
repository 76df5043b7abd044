using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Admin;

/// <summary>What a claim of an Idempotency-Key found.</summary>
public enum IdempotencyClaim
{
    /// <summary>The key is new: this request runs.</summary>
    New,

    /// <summary>The key was used for another method, path or body.</summary>
    Mismatch,

    /// <summary>The first request with the key is still running (or was cut off before it answered).</summary>
    Running,

    /// <summary>The first request answered: replay its answer.</summary>
    Done,
}

/// <summary>
/// Idempotency keys, shared by every instance: the primary key (actor, key) lets exactly one request claim a key, so a retry
/// on another instance sees the first one running or its stored answer, never a second execution.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<ContactCenterDbContext> contexts, StorageWriteGate gate, TimeProvider time)
{
    public const string Running = "running";
    public const string Done = "done";

    public async Task<(IdempotencyClaim Claim, IdempotencyRow? First)> ClaimAsync(
        string actor, string key, string method, string path, string fingerprint, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // A retry finding its key taken is the normal case, not an error: ON CONFLICT answers it without an exception,
            // so neither EF Core nor the driver logs it at Error. Runs unchanged on SQLite and PostgreSQL.
            var createdAt = time.GetUtcNow().UtcDateTime;
            var claimed = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO idempotency_keys (actor, "key", method, path, fingerprint, state, created_at)
                VALUES ({actor}, {key}, {method}, {path}, {fingerprint}, {Running}, {createdAt})
                ON CONFLICT (actor, "key") DO NOTHING
                """, cancellationToken);
            if (claimed == 1)
            {
                return (IdempotencyClaim.New, null);
            }
        }

        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        var first = await read.IdempotencyKeys.AsNoTracking().FirstAsync(k => k.Actor == actor && k.Key == key, cancellationToken);
        var claim = first.Method != method || first.Path != path || first.Fingerprint != fingerprint ? IdempotencyClaim.Mismatch
            : first.State == Done ? IdempotencyClaim.Done
            : IdempotencyClaim.Running;
        return (claim, first);
    }

    public async Task CompleteAsync(string actor, string key, int statusCode, string? contentType, string? location, byte[] body, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.IdempotencyKeys.Where(k => k.Actor == actor && k.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(k => k.State, Done).SetProperty(k => k.StatusCode, statusCode).SetProperty(k => k.ContentType, contentType)
                .SetProperty(k => k.Location, location).SetProperty(k => k.Body, body).SetProperty(k => k.CompletedAt, now), cancellationToken);
        }
    }
}
