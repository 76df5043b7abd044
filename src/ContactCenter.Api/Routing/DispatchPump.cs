using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary>
/// Runs the <see cref="Dispatcher"/> whenever a trigger asks (a caller's join committed, an agent freed, a miss), on this
/// instance, outside the callback reactions: a reaction's slot is not held while agents are dialed, and requests made while a
/// dispatch runs fold into one more run, which claims every pair then possible in one transaction. A request lost to a crash
/// is made good by the sweep's dispatch every second (and at start), since everything it needs is in the database.
/// </summary>
public sealed partial class DispatchPump(Dispatcher dispatcher, IOptions<RoutingOptions> options, ILogger<DispatchPump> logger) : BackgroundService
{
    /// <summary>Asks for a dispatch as soon as the current one (if any) ends; never waits, never does I/O.</summary>
    public void Request() => dispatcher.Request();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        try
        {
            while (await dispatcher.Requests.WaitToReadAsync(stoppingToken))
            {
                dispatcher.Requests.TryRead(out var requestedBy);
                try
                {
                    await dispatcher.DispatchAsync(null, requestedBy, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogDispatchFailed(logger, exception); // the sweep dispatches again within a second
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A requested dispatch failed; the routing sweep dispatches again within a second")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}
