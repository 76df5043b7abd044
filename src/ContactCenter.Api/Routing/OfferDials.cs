using ContactCenter.Api.Storage;

namespace ContactCenter.Api.Routing;

/// <summary>
/// Dials claimed agents for the <see cref="Dispatcher"/>: at most <see cref="MaxAtOnce"/> requests to Twilio at once per
/// instance, then the outcome's bookkeeping (the leg stored, or the offer given back, or the caller gone) outside that bound.
/// </summary>
public sealed partial class OfferDials(QueueStore queue, QueueTransitions transitions, AgentDialer dialer, ILogger<OfferDials> logger)
{
    public const int MaxAtOnce = 32;

    private readonly SemaphoreSlim _slots = new(MaxAtOnce, MaxAtOnce);

    /// <summary>Dials and records the outcome; <paramref name="returned"/> runs when a caller is back in line or an agent free again.</summary>
    public async Task DialInBackgroundAsync(QueueEntryRow entry, string agentId, QueueOptions settings, Action returned, CancellationToken cancellationToken)
    {
        try
        {
            if (await DialAsync(entry, agentId, settings, cancellationToken) is DialOutcome.Refused or DialOutcome.RoomGone)
            {
                returned();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogBookkeepingFailed(logger, entry.CallerCallSid, exception); // the sweep's offer reconciler settles it
        }
    }

    public async Task<DialOutcome> DialAsync(QueueEntryRow entry, string agentId, QueueOptions settings, CancellationToken cancellationToken)
    {
        DialOutcome outcome;
        string? callSid;
        await _slots.WaitAsync(cancellationToken);
        try
        {
            (outcome, callSid) = await dialer.DialAsync(entry, agentId, settings, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }

        switch (outcome)
        {
            case DialOutcome.Dialed:
                await queue.SetOfferedCallSidAsync(entry.CallerCallSid, agentId, callSid!, cancellationToken);
                break;
            case DialOutcome.Refused:
                await transitions.ReturnOfferAsync(entry.CallerCallSid, null, miss: true, settings.MaxNoAnswer, cancellationToken);
                break;
            case DialOutcome.NotAsked:
                await transitions.ReturnOfferAsync(entry.CallerCallSid, null, miss: false, 0, cancellationToken);
                break;
            case DialOutcome.RoomGone:
                await transitions.AbandonAsync(entry.CallerCallSid, cancellationToken);
                break;
        }

        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the dial outcome for caller {CallSid} failed; the routing sweep settles the offer")]
    private static partial void LogBookkeepingFailed(ILogger logger, string callSid, Exception exception);
}
