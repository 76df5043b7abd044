using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Storage;

/// <summary>
/// Versioned SQL migrations: Storage/Migrations/{Sqlite|Postgres}/NNNN_name.sql, embedded in the assembly, applied
/// in order, each in its own transaction, recorded in <c>schema_migrations</c>. The two folders move in lockstep.
/// Several instances may start at once: PostgreSQL serializes them with a session advisory lock, SQLite with
/// BEGIN IMMEDIATE, and each re-reads the applied versions once it holds the lock.
/// </summary>
public sealed partial class SchemaMigrator(IDbContextFactory<ContactCenterDbContext> contexts, ILogger<SchemaMigrator> logger)
{
    private const long AdvisoryLockKey = 0x436F6E744374; // "ContCt": any fixed number unique to this schema

    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts(StorageProvider provider)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"{typeof(SchemaMigrator).Namespace}.Migrations.{provider}.";
        return [.. assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                var file = name[prefix.Length..^".sql".Length];
                var version = int.Parse(file[..file.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
                return (version, file, Read(assembly, name));
            })
            .OrderBy(script => script.version)];
    }

    public async Task MigrateAsync(StorageProvider provider, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            if (provider == StorageProvider.Postgres)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
            }
            else
            {
                // WAL lets readers work while one writer writes; the setting is stored in the file.
                await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken);
            }

            await ExecuteAsync(connection, null, provider == StorageProvider.Postgres
                ? "CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
                : "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)",
                cancellationToken);

            foreach (var (version, name, sql) in Scripts(provider))
            {
                // SQLite's BeginTransaction is BEGIN IMMEDIATE: it takes the write lock before we look.
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (await IsAppliedAsync(connection, transaction, version, cancellationToken))
                {
                    continue;
                }

                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                await ExecuteAsync(connection, transaction, $"INSERT INTO schema_migrations (version, name) VALUES ({version}, '{name.Replace("'", "''", StringComparison.Ordinal)}')", cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                LogApplied(logger, provider, name);
            }
        }
        finally
        {
            if (provider == StorageProvider.Postgres)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }

            await connection.CloseAsync();
        }
    }

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction transaction, int version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT COUNT(*) FROM schema_migrations WHERE version = {version}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Provider} schema migration {Migration}")]
    private static partial void LogApplied(ILogger logger, StorageProvider provider, string migration);
}
