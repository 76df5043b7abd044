using System.Threading.Channels;
using ContactCenter.Api.Conferences;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Reconciliation;

/// <summary>Asks for one room to be checked against Twilio now (an admin action just got Twilio's 404 for it).</summary>
public interface IReconciliationTrigger
{
    void Request(string roomOrSid);
}

/// <summary>
/// Checks the rooms the record believes live against Twilio: once at start, then every <c>Reconciliation:Interval</c>,
/// at most <c>Reconciliation:MaxRoomsPerPass</c> rooms per pass (the next pass continues with the next page), and
/// at once for a room an admin action found gone. Safe with several instances: every write is idempotent.
/// </summary>
public sealed partial class ReconciliationService(
    RoomReconciler reconciler,
    IConferenceStore store,
    IOptions<ReconciliationOptions> options,
    TimeProvider time,
    ILogger<ReconciliationService> logger) : BackgroundService, IReconciliationTrigger
{
    private const int MaxQueuedRequests = 256;

    private readonly Channel<string> _requests = Channel.CreateBounded<string>(
        new BoundedChannelOptions(MaxQueuedRequests) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private int _nextPage = 1;

    public void Request(string roomOrSid) => _requests.Writer.TryWrite(roomOrSid);

    /// <summary>One bounded pass: the next page of live rooms, each checked against Twilio. Returns the rooms checked.</summary>
    public async Task<int> RunPassAsync(CancellationToken cancellationToken)
    {
        var pageSize = options.Value.MaxRoomsPerPass;
        var page = await store.ListAsync(new ConferenceQuery(ConferenceStatus.Active, Page: _nextPage, PageSize: pageSize), cancellationToken);
        _nextPage = page.Items.Count < pageSize || page.Page * pageSize >= page.Total ? 1 : _nextPage + 1;
        foreach (var room in page.Items)
        {
            await reconciler.ReconcileAsync(room, cancellationToken);
        }

        return page.Items.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var requested = ServeRequestsAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            do
            {
                await GuardedAsync(() => RunPassAsync(stoppingToken));
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        finally
        {
            _requests.Writer.TryComplete();
            await requested;
        }
    }

    private async Task ServeRequestsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var room in _requests.Reader.ReadAllAsync(stoppingToken))
            {
                await GuardedAsync(() => reconciler.ReconcileAsync(room, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task GuardedAsync(Func<Task> pass)
    {
        try
        {
            await pass();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPassFailed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 4104, EventName = "ReconciliationPassFailed", Level = LogLevel.Error,
        Message = "A reconciliation pass failed; it runs again at the next interval")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
