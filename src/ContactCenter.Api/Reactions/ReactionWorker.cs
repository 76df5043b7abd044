using ContactCenter.Api.Conferences;
using ContactCenter.Api.Storage;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Reactions;

/// <summary>
/// Drains the <c>reactions</c> queue with the host's stopping token (never a webhook request's): wakes when this instance
/// queued a row and polls every <c>Reactions:PollInterval</c> for the rest; runs up to <c>Reactions:MaxParallel</c> rooms at once.
/// </summary>
public sealed partial class ReactionWorker(
    ReactionOutbox outbox,
    ReactionSignal signal,
    IEnumerable<ICallbackReaction> reactions,
    IEnumerable<IReactionRecovery> recoveries,
    IConferenceStore store,
    IOptions<ReactionOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    Operations.TraceParents traces,
    ILogger<ReactionWorker> logger) : BackgroundService
{
    private readonly Dictionary<string, ICallbackReaction> _reactions = reactions.ToDictionary(r => r.Name, StringComparer.Ordinal);
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var startedAt = time.GetUtcNow().UtcDateTime;
        var sqlite = storage.Value.Provider == StorageProvider.Sqlite;
        var running = new List<Task>();
        var nextPoll = DateTimeOffset.MinValue;
        var nextRenew = time.GetUtcNow() + settings.LeaseDuration / 3;
        var first = true;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                running.RemoveAll(t => t.IsCompleted);
                IReadOnlyList<ClaimedReaction> claimed = [];
                var free = settings.MaxParallel - running.Count;
                try
                {
                    if (time.GetUtcNow() >= nextPoll)
                    {
                        nextPoll = time.GetUtcNow() + settings.PollInterval;
                        await SweepAndRecoverAsync(first && sqlite, sqlite ? Later(startedAt, settings.RecoveryAfter) : Now() - settings.RecoveryAfter, stoppingToken);
                        first = false;
                    }

                    if (time.GetUtcNow() >= nextRenew)
                    {
                        nextRenew = time.GetUtcNow() + settings.LeaseDuration / 3;
                        await outbox.RenewAsync(_owner, settings.LeaseDuration, stoppingToken);
                    }

                    signal.Reset();
                    claimed = free > 0 ? await outbox.ClaimAsync(_owner, free, settings.LeaseDuration, stoppingToken) : [];
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogQueueUnavailable(logger, exception);
                }

                foreach (var row in claimed)
                {
                    running.Add(RunAsync(row, stoppingToken));
                }

                if (claimed.Count > 0 && claimed.Count == free)
                {
                    continue; // every free slot was filled: there may be more due
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = (nextPoll < nextRenew ? nextPoll : nextRenew) - time.GetUtcNow();
                await Task.WhenAny([signal.WaitAsync(wait.Token).AsTask(), Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, time, wait.Token), .. running]);
                await wait.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped inside a queue read: what this instance holds is still handed back below.
        }

        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await ReleaseAsync();
    }

    // A graceful stop hands back what this instance holds, so another instance's rooms do not wait out the lease.
    private async Task ReleaseAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
        try
        {
            if (await outbox.ReleaseAsync(_owner, limit.Token) is > 0 and var unknown)
            {
                LogUnknown(logger, unknown);
            }
        }
        catch (Exception exception)
        {
            LogQueueUnavailable(logger, exception); // the short lease lapses instead
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    // SQLite has one instance: whatever was in flight before this process started is orphaned at once.
    private DateTime Later(DateTime startedAt, TimeSpan lease) => startedAt > Now() - lease ? startedAt : Now() - lease;

    private async Task SweepAndRecoverAsync(bool allLeases, DateTime orphanedBefore, CancellationToken cancellationToken)
    {
        if (await outbox.SweepAsync(allLeases, cancellationToken) is > 0 and var unknown)
        {
            LogUnknown(logger, unknown);
        }

        foreach (var recovery in recoveries)
        {
            await recovery.RecoverAsync(orphanedBefore, cancellationToken);
        }
    }

    private async Task RunAsync(ClaimedReaction row, CancellationToken stoppingToken)
    {
        var context = new ReactionContext(row.Id, row.Attempts, ct => outbox.MarkMayHaveDialedAsync(row.Id, _owner, ct));
        try
        {
            await Task.Yield();
            using var activity = traces.StartReaction(row);
            if (!_reactions.TryGetValue(row.Reaction, out var reaction))
            {
                await outbox.FinishAsync(row.Id, _owner, ReactionStates.Failed, $"no reaction named '{row.Reaction}' is registered", CancellationToken.None);
                return;
            }

            var found = await DispatchAsync(reaction, row, context, stoppingToken);
            await outbox.FinishAsync(row.Id, _owner, ReactionStates.Done, found ? null : "callback no longer stored", CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the lease lapses (or a SQLite restart gives it up) and the row runs again, unless it may have dialed.
        }
        catch (Exception exception)
        {
            await FailAsync(row, context, exception);
        }
    }

    private async Task<bool> DispatchAsync(ICallbackReaction reaction, ClaimedReaction row, ReactionContext context, CancellationToken cancellationToken)
    {
        if (row.Source == ReactionStates.ConferenceEvent)
        {
            var e = await store.GetConferenceEventAsync(row.SourceSid, row.SequenceNumber, cancellationToken);
            if (e is not null)
            {
                await reaction.OnConferenceEventAsync(e, context, cancellationToken);
            }

            return e is not null;
        }

        var s = await store.GetCallStatusAsync(row.SourceSid, row.SourceStatus, row.SequenceNumber, cancellationToken);
        if (s is not null)
        {
            await reaction.OnCallStatusAsync(s, context, cancellationToken);
        }

        return s is not null;
    }

    private async Task FailAsync(ClaimedReaction row, ReactionContext context, Exception exception)
    {
        var error = ReactionErrors.Describe(exception);
        try
        {
            if (context.MayHaveDialed)
            {
                LogOutcomeUnknown(logger, row.Reaction, row.Id, row.SourceSid, error, exception);
                await outbox.FinishAsync(row.Id, _owner, ReactionStates.Unknown, error, CancellationToken.None);
            }
            else if (ReactionErrors.IsTransient(exception) && row.Attempts < options.Value.MaxAttempts)
            {
                var delay = TimeSpan.FromTicks(Math.Min(options.Value.RetryBaseDelay.Ticks << Math.Min(row.Attempts - 1, 16), TimeSpan.FromMinutes(5).Ticks));
                LogRetrying(logger, row.Reaction, row.Id, row.SourceSid, row.Attempts, delay, error);
                await outbox.RetryLaterAsync(row.Id, _owner, Now() + delay, error, CancellationToken.None);
            }
            else
            {
                LogFailed(logger, row.Reaction, row.Id, row.SourceSid, row.Attempts, error, exception);
                await outbox.FinishAsync(row.Id, _owner, ReactionStates.Failed, error, CancellationToken.None);
            }
        }
        catch (Exception recordFailure) when (recordFailure is not OperationCanceledException)
        {
            LogQueueUnavailable(logger, recordFailure); // the lease lapses and the row runs again
        }
    }

    [LoggerMessage(EventId = 4001, EventName = "ReactionQueueUnavailable", Level = LogLevel.Error, Message = "The reaction queue could not be read or updated; trying again at the next poll")]
    private static partial void LogQueueUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4002, EventName = "ReactionRetrying", Level = LogLevel.Warning, Message = "Reaction {Reaction} #{ReactionId} for {SourceSid} failed on attempt {Attempt} ({Error}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string reaction, long reactionId, string sourceSid, int attempt, TimeSpan delay, string error);

    [LoggerMessage(EventId = 4003, EventName = "ReactionFailed", Level = LogLevel.Error, Message = "Reaction {Reaction} #{ReactionId} for {SourceSid} failed after {Attempts} attempts ({Error}); not retried")]
    private static partial void LogFailed(ILogger logger, string reaction, long reactionId, string sourceSid, int attempts, string error, Exception exception);

    [LoggerMessage(EventId = 4004, EventName = "ReactionOutcomeUnknown", Level = LogLevel.Error, Message = "Reaction {Reaction} #{ReactionId} for {SourceSid} failed after it may have dialed ({Error}); left for ops, never retried")]
    private static partial void LogOutcomeUnknown(ILogger logger, string reaction, long reactionId, string sourceSid, string error, Exception exception);

    [LoggerMessage(EventId = 4005, EventName = "ReactionsAbandoned", Level = LogLevel.Error, Message = "{Count} reactions stopped after they may have dialed were marked unknown; never retried")]
    private static partial void LogUnknown(ILogger logger, int count);
}
