using ContactCenter.Api.Reactions;
using ContactCenter.Api.Storage;

namespace ContactCenter.Api.Control;

/// <summary>
/// Finishes transfers a crash left unsettled (a state change whose Twilio requests were not all made), run by the
/// reaction worker at start and at every poll. A start that was interrupted is rolled back: the transfer fails
/// ("interrupted"), a target that may have been dialed is hung up (by CallSid, else removed by its label), the caller
/// comes off hold and the first agent ends the call on exit again; nobody is dialed. Every other state's requests are
/// updates and removals, safe to make twice, so they are simply made again.
/// </summary>
public sealed partial class TransferRecovery(TransferStore store, TransferService transfers, ControlSteps steps, ILogger<TransferRecovery> logger)
    : IReactionRecovery
{
    public const string Interrupted = "interrupted";

    public async Task RecoverAsync(DateTime orphanedBefore, CancellationToken cancellationToken)
    {
        foreach (var row in await store.UnsettledAsync(orphanedBefore, cancellationToken))
        {
            if (!await store.TakeOverAsync(row.Id, row.Version, cancellationToken))
            {
                continue; // another instance took it, or it moved meanwhile
            }

            var (action, error) = await FinishAsync(row, cancellationToken);
            if (action is null)
            {
                continue;
            }

            await transfers.SettleUnlessTransientAsync(row, error, cancellationToken); // Twilio still failing: the next sweep tries again
            LogFinished(logger, row.Id, row.ConferenceSid, row.State, action);
            await transfers.AuditReactionAsync(row, "transfer." + action, error, $"finished after an interruption ({row.State})", cancellationToken);
        }
    }

    private async Task<(string? Action, ControlError? Error)> FinishAsync(TransferRow row, CancellationToken cancellationToken)
    {
        switch (row.State)
        {
            case TransferStates.Dialing:
                if (!await store.TransitionAsync(row.Id, [TransferStates.Dialing], TransferStates.Failed, Interrupted, cancellationToken))
                {
                    return (null, null);
                }

                return ("rollback", await HangUpTargetAsync(row, cancellationToken) ?? await transfers.RestoreCallerAsync(row, cancellationToken));
            case TransferStates.Completed:
                return ("resume", row.Type == TransferService.Warm
                    ? await transfers.CompleteStepsAsync(row, cancellationToken)
                    : await steps.HoldAsync(row.ConferenceSid, row.CustomerCallSid, false, cancellationToken, goneIsFine: true));
            case TransferStates.Connected:
                return ("resume", null);
            default:
                return ("resume", await HangUpTargetAsync(row, cancellationToken) ?? await transfers.RestoreCallerAsync(row, cancellationToken));
        }
    }

    /// <summary>Ends the target's leg whether it rings or talks; one whose CallSid was never stored is found by its label.</summary>
    private async Task<ControlError?> HangUpTargetAsync(TransferRow row, CancellationToken cancellationToken) =>
        row.TargetCallSid is { } target ? await steps.HangUpAsync(target, cancellationToken)
        : row.TargetLabel is { } label ? await steps.RemoveAsync(row.ConferenceSid, label, goneIsFine: true, cancellationToken)
        : null;

    [LoggerMessage(EventId = 4101, EventName = "TransferRecovered", Level = LogLevel.Warning,
        Message = "Transfer {TransferId} in {ConferenceSid} was left {State} with Twilio requests outstanding; {Action} done after the interruption")]
    private static partial void LogFinished(ILogger logger, string transferId, string conferenceSid, string state, string action);
}
