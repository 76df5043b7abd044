using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Storage;

/// <summary>One SQL statement to run in a group commit; <c>@p0</c>, <c>@p1</c>… name its parameters.</summary>
public sealed record StorageWrite(string Sql, object?[] Parameters, string OrderKey);

/// <summary>
/// Group commit for callback ingestion: writes that arrive together share one connection, one transaction and
/// one commit, so a burst costs one commit (one fsync on PostgreSQL, one writer turn on SQLite) instead of one per
/// callback. Every caller still gets its answer only after its own rows are committed. Statements run in key
/// order so concurrent batches on several instances lock rows in the same order and cannot deadlock.
/// </summary>
public sealed partial class GroupCommitWriter(
    IDbContextFactory<ContactCenterDbContext> contexts,
    StorageWriteGate gate,
    ILogger<GroupCommitWriter> logger) : BackgroundService
{
    private const int MaxBatch = 512;

    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Runs the statements in one transaction (with whatever else is waiting); returns each one's affected row count.</summary>
    public Task<int[]> WriteAsync(StorageWrite[] statements, CancellationToken cancellationToken)
    {
        var pending = new Pending(statements, new TaskCompletionSource<int[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The storage writer has stopped.");
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                await CommitAsync(batch, stoppingToken);
            }
        }
        finally
        {
            _pending.Writer.TryComplete();
            while (_pending.Reader.TryRead(out var abandoned))
            {
                abandoned.Done.TrySetCanceled(stoppingToken);
            }
        }
    }

    private async Task CommitAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        try
        {
            var results = await ExecuteAsync(batch, cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception exception) when (batch.Count > 1 && exception is not OperationCanceledException)
        {
            // One bad write must not fail the callbacks that merely shared its transaction: retry each alone.
            LogBatchFailed(logger, batch.Count, exception);
            foreach (var pending in batch)
            {
                await CommitAsync([pending], cancellationToken);
            }
        }
        catch (Exception exception)
        {
            batch[0].Done.TrySetException(exception);
        }
    }

    private async Task<int[][]> ExecuteAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        var results = batch.Select(p => new int[p.Statements.Length]).ToArray();
        var order = batch.SelectMany((p, i) => p.Statements.Select((s, j) => (Statement: s, Pending: i, Index: j)))
            .OrderBy(x => x.Statement.OrderKey, StringComparer.Ordinal)
            .ToList();

        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (connection.CanCreateBatch)
            {
                await ExecuteAsBatchAsync(connection, transaction, order, results, cancellationToken);
            }
            else
            {
                await ExecuteOneByOneAsync(connection, transaction, order, results, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return results;
    }

    // PostgreSQL: the whole burst in one round trip.
    private static async Task ExecuteAsBatchAsync(
        DbConnection connection, DbTransaction transaction, List<(StorageWrite Statement, int Pending, int Index)> order, int[][] results, CancellationToken cancellationToken)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var (statement, _, _) in order)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Sql;
            for (var i = 0; i < statement.Parameters.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i;
                parameter.Value = statement.Parameters[i] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        for (var i = 0; i < order.Count; i++)
        {
            results[order[i].Pending][order[i].Index] = batch.BatchCommands[i].RecordsAffected;
        }
    }

    // SQLite runs in-process, so statements one by one cost no round trips; each distinct statement is prepared once per batch.
    private static async Task ExecuteOneByOneAsync(
        DbConnection connection, DbTransaction transaction, List<(StorageWrite Statement, int Pending, int Index)> order, int[][] results, CancellationToken cancellationToken)
    {
        var commands = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        try
        {
            foreach (var (statement, pending, index) in order)
            {
                if (!commands.TryGetValue(statement.Sql, out var command))
                {
                    commands[statement.Sql] = command = Command(connection, transaction, statement);
                }

                for (var i = 0; i < statement.Parameters.Length; i++)
                {
                    command.Parameters[i].Value = statement.Parameters[i] ?? DBNull.Value;
                }

                results[pending][index] = await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            foreach (var command in commands.Values)
            {
                await command.DisposeAsync();
            }
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, StorageWrite statement)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = statement.Sql;
        for (var i = 0; i < statement.Parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private sealed record Pending(StorageWrite[] Statements, TaskCompletionSource<int[]> Done);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group commit of {Count} callback writes failed; writing them one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
