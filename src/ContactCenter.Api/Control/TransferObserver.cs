using ContactCenter.Api.Conferences;
using ContactCenter.Api.Reactions;

namespace ContactCenter.Api.Control;

/// <summary>
/// Moves transfers on stored callbacks for their legs, after the callback was answered (a queued reaction). Every
/// reaction starts with a conditional state change, so a second run or a second instance never acts twice; none dials.
/// </summary>
public sealed class TransferObserver(TransferStore store, TransferService transfers) : ICallbackReaction
{
    public string Name => "transfer";

    /// <summary>Only progress that can end or connect a target leg; initiated and ringing change nothing.</summary>
    public bool Wants(StoredCallStatus callStatus) =>
        callStatus.CallStatus is "in-progress" or "answered" or "busy" or "no-answer" or "failed" or "canceled" or "completed";

    /// <summary>Queued only while the room has an active transfer: the rooms without one (nearly all) cost no row and no work.</summary>
    public string ConferenceEventCondition => "EXISTS (SELECT 1 FROM transfers t WHERE t.conference_sid = {sid} AND t.state IN ('dialing', 'connected'))";

    /// <summary>Queued only for the target leg of an active transfer. One whose CallSid is not stored yet is caught up by the start.</summary>
    public string CallStatusCondition => "EXISTS (SELECT 1 FROM transfers t WHERE t.target_call_sid = {sid} AND t.state IN ('dialing', 'connected'))";

    public bool Wants(StoredConferenceEvent conferenceEvent) =>
        conferenceEvent is { EventType: "participant-join" or "participant-leave", CallSid: not null } && MayMoveATransfer(conferenceEvent);

    public async Task OnCallStatusAsync(StoredCallStatus callStatus, ReactionContext context, CancellationToken cancellationToken)
    {
        var row = await store.FindActiveByLegAsync(callStatus.CallSid, cancellationToken);
        if (row is null || row.TargetCallSid != callStatus.CallSid)
        {
            return;
        }

        await transfers.OnTargetCallStatusAsync(row, callStatus.CallStatus, cancellationToken);
    }

    public async Task OnConferenceEventAsync(StoredConferenceEvent conferenceEvent, ReactionContext context, CancellationToken cancellationToken)
    {
        if (!Wants(conferenceEvent))
        {
            return;
        }

        var callSid = conferenceEvent.CallSid!;
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
    /// come and go without being queued (most of a busy room's callbacks). Unlabelled legs are queued and looked up.
    /// </summary>
    internal static bool MayMoveATransfer(StoredConferenceEvent conferenceEvent) =>
        !conferenceEvent.Fields.TryGetValue("ParticipantLabel", out var label) || label.Length == 0
        || label.StartsWith(RoomLookup.TransferTargetLabel, StringComparison.Ordinal)
        || (label == RoomLookup.CustomerLabel && conferenceEvent.EventType == "participant-leave");
}
