using ContactCenter.Api.Storage;

namespace ContactCenter.Api.Control;

public sealed partial class TransferService
{
    public const string CallbackActor = "twilio";

    /// <summary>
    /// The start steps in order. On any failure the transfer fails and what was done is undone: the caller off hold, the first
    /// agent ending the call on exit again, and, when the dial's outcome is unknown, the target's leg removed by its label (it may
    /// be ringing). A step whose own outcome is unknown is undone too (undoing is an update, safe twice). When the undoing itself
    /// fails the transfer stays unsettled and <see cref="TransferRecovery"/> finishes it.
    /// </summary>
    private async Task<ControlResult<string>> DialTargetAsync(TransferRow row, DialTarget target, string label, ControlCaller caller, CancellationToken cancellationToken)
    {
        var cold = row.Type == Cold;
        var (first, cf) = (row.FirstAgentCallSid, row.ConferenceSid);
        bool agentChanged = false, held = false, agentRemoved = false;
        ControlError? error = null;
        if (first is not null)
        {
            error = await steps.EndConferenceOnExitAsync(cf, first, false, cancellationToken);
            agentChanged = error is null or { Kind: ControlErrorKind.OutcomeUnknown };
        }

        if (error is null)
        {
            error = await steps.HoldAsync(cf, row.CustomerCallSid, true, cancellationToken);
            held = error is null or { Kind: ControlErrorKind.OutcomeUnknown };
        }

        if (error is null && cold && first is not null)
        {
            error = await steps.RemoveAsync(cf, first, goneIsFine: true, cancellationToken);
            agentRemoved = error is null;
        }

        var dialed = error is not null ? error : await steps.DialAsync(cf, target, label, caller, r => r with
        {
            Beep = true,
            StartConferenceOnEnter = true,
            EndConferenceOnExit = cold,
        }, cancellationToken);
        if (dialed.Error is not { } failed)
        {
            return dialed;
        }

        var mayRing = error is null && failed.Kind == ControlErrorKind.OutcomeUnknown;
        var reason = (mayRing ? "dial-outcome-unknown: " : "twilio-error: ") + failed.Title;
        await store.TransitionAsync(row.Id, [TransferStates.Dialing], TransferStates.Failed, reason, CancellationToken.None);
        var undone = (mayRing ? await steps.RemoveAsync(cf, label, goneIsFine: true, CancellationToken.None) : null)
            ?? (held ? await steps.HoldAsync(cf, row.CustomerCallSid, false, CancellationToken.None, goneIsFine: true) : null)
            ?? (agentChanged && !agentRemoved ? await steps.EndConferenceOnExitAsync(cf, first!, true, CancellationToken.None, goneIsFine: true) : null);
        if (undone is null)
        {
            await store.SettleAsync(row.Id, CancellationToken.None);
        }

        LogStartFailed(logger, row.Id, row.ConferenceSid, failed.Outcome, undone is null ? "rolled back" : "rollback left to recovery: " + undone.Title);
        return failed with
        {
            TransferId = row.Id,
            Detail = failed.Detail + (undone is null
                ? $" Transfer {row.Id} failed and was rolled back" + (mayRing ? " (the target's possible leg was removed by its label)." : ".")
                : $" Transfer {row.Id} failed; rolling it back failed too ({undone.Title}) and is retried in the background."),
        };
    }

    /// <summary>Warm completion: caller off hold, first agent removed, target ends the call on exit.</summary>
    internal async Task<ControlError?> CompleteStepsAsync(TransferRow row, CancellationToken cancellationToken) =>
        await steps.HoldAsync(row.ConferenceSid, row.CustomerCallSid, false, cancellationToken)
        ?? (row.FirstAgentCallSid is { } first ? await steps.RemoveAsync(row.ConferenceSid, first, goneIsFine: true, cancellationToken) : null)
        ?? await steps.EndConferenceOnExitAsync(row.ConferenceSid, row.TargetCallSid!, true, cancellationToken);

    /// <summary>Caller off hold; after a warm transfer the first agent ends the call on exit again.</summary>
    internal async Task<ControlError?> RestoreCallerAsync(TransferRow row, CancellationToken cancellationToken) =>
        await steps.HoldAsync(row.ConferenceSid, row.CustomerCallSid, false, cancellationToken, goneIsFine: true)
        ?? (row.Type == Warm && row.FirstAgentCallSid is { } first
            ? await steps.EndConferenceOnExitAsync(row.ConferenceSid, first, true, cancellationToken, goneIsFine: true)
            : null);

    /// <summary>A target that joined is removed from the room; one still ringing is hung up (its ringing cancelled).</summary>
    internal async Task<ControlError?> DropTargetAsync(TransferRow row, CancellationToken cancellationToken) =>
        row.TargetCallSid is not { } target ? null
        : row.State == TransferStates.Connected ? await steps.RemoveAsync(row.ConferenceSid, target, goneIsFine: true, cancellationToken)
        : await steps.HangUpAsync(target, cancellationToken);

    /// <summary>A call progress callback for the transfer's target leg.</summary>
    public Task OnTargetCallStatusAsync(TransferRow row, string callStatus, CancellationToken cancellationToken) => callStatus switch
    {
        "in-progress" or "answered" => OnTargetJoinedAsync(row, cancellationToken),
        "busy" or "no-answer" or "failed" or "canceled" => OnTargetEndedAsync(row, callStatus, cancellationToken),
        "completed" => OnTargetEndedAsync(row, "target-hung-up", cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>A conference callback about the transfer's target leg.</summary>
    public Task OnTargetConferenceEventAsync(TransferRow row, string eventType, CancellationToken cancellationToken) => eventType switch
    {
        "participant-join" => OnTargetJoinedAsync(row, cancellationToken),
        "participant-leave" => OnTargetEndedAsync(row, "target-left", cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>
    /// Callbacks for the target leg that arrived before its CallSid was stored (a fast answer, a busy line) found no
    /// transfer to match; apply them now. Every reaction is a conditional transition, so one already applied is a no-op.
    /// </summary>
    private async Task CatchUpAsync(TransferRow row, CancellationToken cancellationToken)
    {
        var target = row.TargetCallSid!;
        var since = new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc));
        foreach (var status in await conferences.GetCallStatusesAsync(target, cancellationToken))
        {
            if (status.ReceivedAt >= since)
            {
                await OnTargetCallStatusAsync(row, status.CallStatus, cancellationToken);
            }
        }

        foreach (var conferenceEvent in await conferences.GetTimelineAsync(row.ConferenceSid, cancellationToken) ?? [])
        {
            if (conferenceEvent.CallSid == target && conferenceEvent.ReceivedAt >= since)
            {
                await OnTargetConferenceEventAsync(row, conferenceEvent.EventType, cancellationToken);
            }
        }
    }

    /// <summary>The target answered or joined: a warm transfer is connected; a cold one completes and the caller comes off hold.</summary>
    public async Task OnTargetJoinedAsync(TransferRow row, CancellationToken cancellationToken)
    {
        var next = row.Type == Warm ? TransferStates.Connected : TransferStates.Completed;
        await TargetJoinedAsync(row, cancellationToken);
        if (!await store.TransitionAsync(row.Id, [TransferStates.Dialing], next, null, cancellationToken, owesSteps: row.Type == Cold))
        {
            return;
        }

        var error = row.Type == Cold ? await steps.HoldAsync(row.ConferenceSid, row.CustomerCallSid, false, cancellationToken, goneIsFine: true) : null;
        await SettleUnlessTransientAsync(row, error, cancellationToken);
        await AuditReactionAsync(row, "transfer." + next, error, "target joined", cancellationToken);
    }

    /// <summary>No-answer recovery: the target's leg ended before completion (busy, no-answer, failed, canceled, left).</summary>
    public async Task OnTargetEndedAsync(TransferRow row, string reason, CancellationToken cancellationToken)
    {
        if (!await store.TransitionAsync(row.Id, TransferStates.Active, TransferStates.Failed, reason, cancellationToken))
        {
            return;
        }

        var error = await RestoreCallerAsync(row, cancellationToken);
        await ReleaseTargetAsync(row, reason, cancellationToken);
        await SettleUnlessTransientAsync(row, error, cancellationToken);
        LogRecovered(logger, row.Id, row.ConferenceSid, reason);
        await AuditReactionAsync(row, "transfer.recover", error, reason, cancellationToken);
        await RequeueAfterColdFailureAsync(row, cancellationToken);
    }

    /// <summary>The caller hung up mid-transfer: the target is hung up or removed, the transfer failed.</summary>
    public async Task OnCallerLeftAsync(TransferRow row, CancellationToken cancellationToken)
    {
        const string reason = "caller-hung-up";
        if (!await store.TransitionAsync(row.Id, TransferStates.Active, TransferStates.Failed, reason, cancellationToken))
        {
            return;
        }

        var error = await DropTargetAsync(row, cancellationToken);
        await ReleaseTargetAsync(row, reason, cancellationToken);
        await SettleUnlessTransientAsync(row, error, cancellationToken);
        await AuditReactionAsync(row, "transfer.caller-left", error, reason, cancellationToken);
    }

    /// <summary>
    /// The owed requests are done, or refused for good: settled. Twilio failing now (down, unknown outcome, 5xx) leaves them owed:
    /// <see cref="TransferRecovery"/> makes them again (updates and removals, safe twice) at its next sweep.
    /// </summary>
    internal async Task SettleUnlessTransientAsync(TransferRow row, ControlError? error, CancellationToken cancellationToken)
    {
        if (error is not { IsTwilioTransient: true })
        {
            await store.SettleAsync(row.Id, cancellationToken);
        }
    }

    internal Task AuditReactionAsync(TransferRow row, string action, ControlError? error, string detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(CallbackActor, action, row.ConferenceSid, row.Id, error is null ? AuditLog.Ok : error.Outcome,
            error is null ? detail : $"{detail}; {error.Detail}", cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transfer {TransferId} in {ConferenceSid} could not start (outcome {Outcome}): {Rollback}")]
    private static partial void LogStartFailed(ILogger logger, string transferId, string conferenceSid, string outcome, string rollback);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transfer {TransferId} in {ConferenceSid} failed ({Reason}): caller taken off hold")]
    private static partial void LogRecovered(ILogger logger, string transferId, string conferenceSid, string reason);
}
