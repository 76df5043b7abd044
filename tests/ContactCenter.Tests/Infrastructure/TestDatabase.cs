using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ContactCenter.Tests.Infrastructure;

public enum StorageEngine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A database of its own for one or more service hosts: a temp SQLite file, or a fresh PostgreSQL database created
/// on the server named by CONTACTCENTER_TEST_POSTGRES (./build.sh test provides one). Dispose deletes/drops it.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresVariable = "CONTACTCENTER_TEST_POSTGRES";

    private int _disposed;

    private TestDatabase(StorageEngine engine, string connectionString, string? sqlitePath, string? postgresName)
    {
        Engine = engine;
        ConnectionString = connectionString;
        SqlitePath = sqlitePath;
        PostgresName = postgresName;
    }

    public StorageEngine Engine { get; }

    public string ConnectionString { get; }

    public string? SqlitePath { get; }

    private string? PostgresName { get; }

    /// <summary>The service settings that point a host at this database.</summary>
    public IEnumerable<(string Key, string? Value)> Settings => Engine == StorageEngine.Sqlite
        ? [("Storage:Provider", "Sqlite"), ("Storage:SqlitePath", SqlitePath)]
        : [("Storage:Provider", "Postgres"), ("ConnectionStrings:ContactCenter", ConnectionString)];

    public static TestDatabase Create(StorageEngine engine) => engine == StorageEngine.Sqlite ? CreateSqlite() : CreatePostgres();

    public static TestDatabase CreateSqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "contactcenter-tests");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.db");
        return new TestDatabase(StorageEngine.Sqlite, $"Data Source={path}", path, null);
    }

    public static TestDatabase CreatePostgres()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set: the PostgreSQL half of the suite cannot run (it never skips). " +
                "Run the tests with ./build.sh test, which starts a throwaway PostgreSQL, or set it to a server connection string, " +
                "e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres.");
        }

        var name = $"cc_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(StorageEngine.Postgres, builder.ConnectionString, null, name);
    }

    /// <summary>A scalar query straight against the database, bypassing the service.</summary>
    public long Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A query straight against the database, bypassing the service: one <paramref name="row"/> per row read.</summary>
    public List<T> Rows<T>(string sql, Func<DbDataReader, T> row)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    private DbConnection Open()
    {
        DbConnection connection = Engine == StorageEngine.Sqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (Engine == StorageEngine.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(SqlitePath + suffix);
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}
