using ContactCenter.Api.Conferences;

namespace ContactCenter.Api.Control;

/// <summary>
/// Reacts to stored callbacks for legs of active transfers. The store notifies only for new callbacks and every
/// reaction starts with a conditional state change, so a duplicate or a second instance never acts twice.
/// </summary>
public sealed class TransferObserver(TransferStore store, TransferService transfers) : IConferenceEventObserver
{
    public async Task OnCallStatusAsync(StoredCallStatus callStatus, CancellationToken cancellationToken)
    {
        var row = await store.FindActiveByLegAsync(callStatus.CallSid, cancellationToken);
        if (row is null || row.TargetCallSid != callStatus.CallSid)
        {
            return;
        }

        switch (callStatus.CallStatus)
        {
            case "in-progress" or "answered":
                await transfers.OnTargetJoinedAsync(row, cancellationToken);
                break;
            case "busy" or "no-answer" or "failed" or "canceled":
                await transfers.OnTargetEndedAsync(row, callStatus.CallStatus, cancellationToken);
                break;
            case "completed":
                await transfers.OnTargetEndedAsync(row, "target-hung-up", cancellationToken);
                break;
        }
    }

    public async Task OnConferenceEventAsync(StoredConferenceEvent conferenceEvent, CancellationToken cancellationToken)
    {
        if (conferenceEvent is not { EventType: "participant-join" or "participant-leave", CallSid: { } callSid })
        {
            return;
        }

        var row = await store.FindActiveByLegAsync(callSid, cancellationToken);
        if (row is null || row.ConferenceSid != conferenceEvent.ConferenceSid)
        {
            return;
        }

        var joined = conferenceEvent.EventType == "participant-join";
        if (row.TargetCallSid == callSid)
        {
            await (joined ? transfers.OnTargetJoinedAsync(row, cancellationToken) : transfers.OnTargetEndedAsync(row, "target-left", cancellationToken));
        }
        else if (row.CustomerCallSid == callSid && !joined)
        {
            await transfers.OnCallerLeftAsync(row, cancellationToken);
        }
    }
}
