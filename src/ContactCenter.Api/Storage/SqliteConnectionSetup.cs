using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ContactCenter.Api.Storage;

/// <summary>
/// Per-connection SQLite settings: wait (inside SQLite, finely) for a busy writer instead of failing, and sync as
/// <see cref="StorageOptions.SqliteSynchronous"/> says: FULL (default) makes every commit durable before it is
/// acknowledged; NORMAL, in WAL mode, syncs only at checkpoints.
/// </summary>
internal sealed class SqliteConnectionSetup(string synchronous) : DbConnectionInterceptor
{
    // Validated by StorageOptions; spelled here, never copied from configuration into SQL.
    private readonly string _pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = " +
        (string.Equals(synchronous, "Normal", StringComparison.OrdinalIgnoreCase) ? "NORMAL;" : "FULL;");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
