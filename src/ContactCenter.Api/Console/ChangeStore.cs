using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Console;

/// <summary>Reads the <c>changes</c> table (written only by the triggers of migration 0008) in id order.</summary>
public sealed class ChangeStore(IDbContextFactory<ContactCenterDbContext> contexts)
{
    public async Task<long> HighWaterAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Database.SqlQuery<long>($"SELECT COALESCE(MAX(id), 0) AS \"Value\" FROM changes").ToListAsync(cancellationToken);
        return rows[0];
    }

    /// <summary>Up to <paramref name="limit"/> changes with <paramref name="after"/> &lt; id &lt;= <paramref name="upTo"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ChangeView>> ReadAsync(long after, long upTo, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Database.SqlQuery<ChangeRow>($"""
            SELECT id AS "Id", at AS "At", kind AS "Kind", subject AS "Subject", room AS "Room", agent AS "Agent"
            FROM changes WHERE id > {after} AND id <= {upTo} ORDER BY id LIMIT {limit}
            """).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ChangeView(r.Id, r.Kind, r.Subject, r.Room, r.Agent,
            new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc))))];
    }

    private sealed class ChangeRow
    {
        public long Id { get; set; }

        public DateTime At { get; set; }

        public string Kind { get; set; } = "";

        public string Subject { get; set; } = "";

        public string? Room { get; set; }

        public string? Agent { get; set; }
    }
}
