using System.Threading.Channels;
using ContactCenter.Api.Storage;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Console;

/// <summary>
/// Reads new rows of <c>changes</c> and hands them, in id order, to every open event stream of this instance. It wakes
/// on PostgreSQL NOTIFY (see <see cref="ChangeListener"/>: changes made by any instance) or, on SQLite, when a writer
/// leaves the <see cref="StorageWriteGate"/>; a short tick catches anything a wake-up missed.
/// PostgreSQL identity values commit out of order, so a missing id is waited for (its transaction may still commit)
/// up to <see cref="GapTimeout"/> before it counts as rolled back; until then the rows after it are held, which keeps
/// the stream's ids increasing and makes Last-Event-ID an exact resume point.
/// </summary>
public sealed partial class ChangeFeed(
    ChangeStore store,
    StorageWriteGate gate,
    ChangeListener listener,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<ChangeFeed> logger) : BackgroundService
{
    public const int SubscriberCapacity = 512;
    public static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(5);
    private const int Page = 500;

    private readonly Lock _lock = new();
    private readonly List<Channel<ChangeView>> _subscribers = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _postgres = storage.Value.Provider == StorageProvider.Postgres;
    private long _delivered;
    private (long Missing, DateTimeOffset Since)? _gap;

    /// <summary>A stream of every change after <see cref="ChangeSubscription.From"/> (earlier ones are in the table).</summary>
    public async Task<ChangeSubscription> SubscribeAsync(CancellationToken cancellationToken)
    {
        await _ready.Task.WaitAsync(cancellationToken);
        var channel = Channel.CreateBounded<ChangeView>(new BoundedChannelOptions(SubscriberCapacity) { SingleReader = true, SingleWriter = true });
        lock (_lock)
        {
            _subscribers.Add(channel);
            return new ChangeSubscription(this, channel, _delivered);
        }
    }

    internal void Unsubscribe(Channel<ChangeView> channel)
    {
        lock (_lock)
        {
            _subscribers.Remove(channel);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = _postgres ? TimeSpan.FromSeconds(1) : TimeSpan.FromMilliseconds(250);
        var listening = _postgres ? listener.RunAsync(stoppingToken) : Task.CompletedTask;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Taken before reading, so a commit during the read wakes the next round instead of waiting for the tick.
                var wake = _postgres ? listener.Notified : gate.Released;
                try
                {
                    if (!_ready.Task.IsCompleted)
                    {
                        _delivered = await store.HighWaterAsync(stoppingToken);
                        _ready.TrySetResult();
                    }

                    while (await PumpAsync(stoppingToken))
                    {
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogReadFailed(logger, exception);
                }

                await Task.WhenAny(wake, Task.Delay(tick, time, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            CloseAll();
            await listening;
        }
    }

    /// <summary>Delivers what is ready; true when a full page was read and more may follow at once.</summary>
    private async Task<bool> PumpAsync(CancellationToken cancellationToken)
    {
        var rows = await store.ReadAsync(_delivered, long.MaxValue, Page, cancellationToken);
        foreach (var change in rows)
        {
            if (change.Id > _delivered + 1)
            {
                var now = time.GetUtcNow();
                if (_gap?.Missing != _delivered + 1)
                {
                    _gap = (_delivered + 1, now);
                }

                if (now - _gap.Value.Since < GapTimeout)
                {
                    return false;
                }

                LogGapSkipped(logger, _delivered + 1, change.Id - 1);
            }

            _gap = null;
            Publish(change);
        }

        return rows.Count == Page;
    }

    private void Publish(ChangeView change)
    {
        lock (_lock)
        {
            for (var i = _subscribers.Count - 1; i >= 0; i--)
            {
                if (!_subscribers[i].Writer.TryWrite(change))
                {
                    // A page that cannot keep up is cut off, never waited for; it reconnects with Last-Event-ID and catches up.
                    _subscribers[i].Writer.TryComplete();
                    _subscribers.RemoveAt(i);
                    LogSlowSubscriber(logger, change.Id);
                }
            }

            _delivered = change.Id;
        }
    }

    private void CloseAll()
    {
        lock (_lock)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryComplete();
            }

            _subscribers.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read live changes; trying again shortly")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Changes {From}..{To} never committed (rolled back); the live feed moves on")]
    private static partial void LogGapSkipped(ILogger logger, long from, long to);

    [LoggerMessage(Level = LogLevel.Information, Message = "An event stream fell behind at change {ChangeId} and was closed; it resumes from its Last-Event-ID")]
    private static partial void LogSlowSubscriber(ILogger logger, long changeId);
}

/// <summary>One open event stream's share of the feed: changes after <see cref="From"/>. Dispose to leave.</summary>
public sealed class ChangeSubscription(ChangeFeed feed, Channel<ChangeView> channel, long from) : IDisposable
{
    public long From { get; } = from;

    public ChannelReader<ChangeView> Changes => channel.Reader;

    public void Dispose() => feed.Unsubscribe(channel);
}
