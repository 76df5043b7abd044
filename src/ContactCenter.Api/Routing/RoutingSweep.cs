using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary>
/// Every second, on every instance: wrap-ups that ran out make their agents available, callers past their max wait are
/// claimed for the queue's max-wait action, and a dispatch catches whatever a trigger missed (another instance's crash,
/// Twilio briefly unavailable). All due times are persisted, so a restart loses none.
/// </summary>
public sealed partial class RoutingSweep(
    AgentStore agents, QueueStore queue, Dispatcher dispatcher, OfferReconciler offers, ClaimReconciler handDials, IMaxWaitAction maxWait, IOptions<RoutingOptions> options, TimeProvider time,
    ILogger<RoutingSweep> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _nudge = new(0, 1);

    /// <summary>Runs the next pass now (an agent became available by hand) instead of within the second.</summary>
    public void Nudge()
    {
        if (_nudge.CurrentCount == 0)
        {
            try
            {
                _nudge.Release();
            }
            catch (SemaphoreFullException)
            {
                // already nudged
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogSweepFailed(logger, error);
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(Task.Delay(Interval, time, wait.Token), _nudge.WaitAsync(wait.Token));
            await wait.CancelAsync();
        }
    }

    /// <summary>One pass: wrap-ups, max waits, offers and hand-dial claims of unknown outcome, dispatch.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await agents.EndDueWrapUpsAsync(cancellationToken);
        var due = await queue.ClaimDueMaxWaitAsync(
            id => options.Value.Find(id)?.MaxWaitAction == "overflow" ? EntryStates.Overflowed : EntryStates.Voicemail, cancellationToken);
        foreach (var entry in due)
        {
            var action = options.Value.Find(entry.QueueId)?.MaxWaitAction ?? "voicemail";
            LogMaxWait(logger, entry.CallerCallSid, entry.QueueId, action);
            await maxWait.RunAsync(
                new QueueEntryView(entry.CallerCallSid, entry.ConferenceSid, entry.QueueId, AgentStore.Utc(entry.EnteredAt)), action, cancellationToken);
        }

        await offers.ReconcileAsync(cancellationToken);
        await handDials.ReconcileAsync(cancellationToken);
        await dispatcher.DispatchAsync(null, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing sweep failed; it runs again in a second")]
    private static partial void LogSweepFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Caller {CallSid} waited the maximum in queue {QueueId}: {Action}")]
    private static partial void LogMaxWait(ILogger logger, string callSid, string queueId, string action);
}

/// <summary>The max-wait action until one is registered: it only logs (the caller keeps waiting with music, unrouted).</summary>
public sealed partial class LoggingMaxWaitAction(ILogger<LoggingMaxWaitAction> logger) : IMaxWaitAction
{
    public Task RunAsync(QueueEntryView entry, string action, CancellationToken cancellationToken)
    {
        LogNoAction(logger, entry.CallerCallSid, action);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Caller {CallSid} reached max wait ({Action}) but no max-wait action is registered")]
    private static partial void LogNoAction(ILogger logger, string callSid, string action);
}
