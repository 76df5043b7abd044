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

        await transfers.OnTargetCallStatusAsync(row, callStatus.CallStatus, cancellationToken);
    }

    public async Task OnConferenceEventAsync(StoredConferenceEvent conferenceEvent, CancellationToken cancellationToken)
    {
        if (conferenceEvent is not { EventType: "participant-join" or "participant-leave", CallSid: { } callSid } || !MayMoveATransfer(conferenceEvent))
        {
            return;
        }

        var row = await store.FindActiveByLegAsync(callSid, cancellationToken);
        if (row is null || row.ConferenceSid != conferenceEvent.ConferenceSid)
        {
            return;
        }

        if (row.TargetCallSid == callSid)
        {
            await transfers.OnTargetConferenceEventAsync(row, conferenceEvent.EventType, cancellationToken);
        }
        else if (row.CustomerCallSid == callSid && conferenceEvent.EventType == "participant-leave")
        {
            await transfers.OnCallerLeftAsync(row, cancellationToken);
        }
    }

    /// <summary>
    /// Only the caller leaving, or a transfer target joining or leaving, can move a transfer; agents and supervisors
    /// come and go without a database look-up (most of a busy room's callbacks). Unlabelled legs are looked up.
    /// </summary>
    internal static bool MayMoveATransfer(StoredConferenceEvent conferenceEvent) =>
        !conferenceEvent.Fields.TryGetValue("ParticipantLabel", out var label) || label.Length == 0
        || label.StartsWith(RoomLookup.TransferTargetLabel, StringComparison.Ordinal)
        || (label == RoomLookup.CustomerLabel && conferenceEvent.EventType == "participant-leave");
}
