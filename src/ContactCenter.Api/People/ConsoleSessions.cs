using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ContactCenter.Api.Control;
using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.People;

/// <summary>
/// Cookie sessions are stateless, so sign-out is recorded: the audit entry <c>console.signout</c> names the session (a hash of
/// its id), and a cookie of a signed-out session is refused. This instance refuses it at once; another one (sharing the
/// database) within <see cref="Recheck"/>, the time it trusts a session it has already found live.
/// </summary>
public sealed class ConsoleSessions(IDbContextFactory<ContactCenterDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public const string ClaimType = "cc:session";
    public const string SignOutAction = "console.signout";
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, byte> _revoked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _live = new(StringComparer.Ordinal);

    public static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public async Task RevokeAsync(string actor, string session, CancellationToken cancellationToken)
    {
        _revoked[session] = 0;
        _live.TryRemove(session, out _);
        await audit.RecordAsync(actor, SignOutAction, null, actor, AuditLog.Ok, Detail(session), cancellationToken);
    }

    public async Task<bool> IsRevokedAsync(string session, CancellationToken cancellationToken)
    {
        if (_revoked.ContainsKey(session))
        {
            return true;
        }

        var now = time.GetUtcNow();
        if (_live.TryGetValue(session, out var checkedAt) && now - checkedAt < Recheck)
        {
            return false;
        }

        var detail = Detail(session);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Audit.AsNoTracking().AnyAsync(a => a.Action == SignOutAction && a.Detail == detail, cancellationToken))
        {
            _revoked[session] = 0;
            return true;
        }

        if (_live.Count > 10_000)
        {
            foreach (var stale in _live.Where(s => now - s.Value >= Recheck).Select(s => s.Key).ToList())
            {
                _live.TryRemove(stale, out _);
            }
        }

        _live[session] = now;
        return false;
    }

    /// <summary>What the audit records: enough to recognise the session, not the id itself.</summary>
    private static string Detail(string session) =>
        "session " + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(session)))[..32].ToLowerInvariant();
}
