using ContactCenter.Api.Storage;
using Npgsql;

namespace ContactCenter.Api.Console;

/// <summary>
/// One dedicated PostgreSQL connection that <c>LISTEN</c>s on <c>cc_changes</c>, which the 0008 triggers NOTIFY on
/// every change, whichever instance made it. Reconnects with backoff; the feed's tick covers the time it is down.
/// </summary>
public sealed partial class ChangeListener(IConfiguration configuration, TimeProvider time, ILogger<ChangeListener> logger)
{
    public const string Channel = "cc_changes";
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private TaskCompletionSource _notified = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next notification (or reconnect, after which anything may have been missed).</summary>
    public Task Notified => Volatile.Read(ref _notified).Task;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(StorageOptions.ConnectionStringName))
        {
            Pooling = false,
            KeepAlive = 15, // a silently dropped connection would otherwise wait forever
        }.ConnectionString;
        var backoff = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, _) => Pulse();
                await connection.OpenAsync(cancellationToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                backoff = TimeSpan.FromSeconds(1);
                Pulse();
                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogListenFailed(logger, backoff, exception);
                try
                {
                    await Task.Delay(backoff, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private void Pulse() =>
        Interlocked.Exchange(ref _notified, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    [LoggerMessage(Level = LogLevel.Warning, Message = "LISTEN cc_changes failed; reconnecting in {Backoff}")]
    private static partial void LogListenFailed(ILogger logger, TimeSpan backoff, Exception exception);
}
