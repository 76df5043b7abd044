using ContactCenter.Api.Conferences;

namespace ContactCenter.Api.Control;

/// <summary>A room that is still going on, as the service's record shows it now.</summary>
public sealed record LiveRoom(string Name, ConferenceRoom Room)
{
    /// <summary>Twilio's limit on participants in one conference.</summary>
    public const int MaxParticipants = 250;

    public string ConferenceSid => Room.ConferenceSid;

    public IEnumerable<RoomParticipant> InRoom => Room.Participants.Where(p => p.InRoom);

    public RoomParticipant? Customer => InRoom.FirstOrDefault(p => p.Role == ParticipantRole.Customer);

    public bool IsFull => InRoom.Count() >= MaxParticipants;

    public RoomParticipant? Find(string callSid) => InRoom.FirstOrDefault(p => p.CallSid == callSid);

    public bool HasLabel(string label) => InRoom.Any(p => string.Equals(p.Label, label, StringComparison.Ordinal));
}

/// <summary>Finds live rooms and who plays which part in them.</summary>
public sealed class RoomLookup(IConferenceStore store, TransferStore transfers)
{
    public const string AgentLabel = "agent";
    public const string TransferTargetLabel = "transfer-target";

    /// <summary>The caller's label, set in the TwiML that places them in the room.</summary>
    public const string CustomerLabel = Voice.ConferenceTwiml.CustomerLabel;

    /// <summary>The room by friendly name or ConferenceSid: 404 when unknown, 409 when it has ended.</summary>
    public async Task<ControlResult<LiveRoom>> LiveAsync(string room, CancellationToken cancellationToken)
    {
        var found = await store.GetRoomAsync(room, cancellationToken);
        if (found is null)
        {
            return ControlError.NotFound("Unknown room", $"No conference '{Short(room)}' is on record.");
        }

        return found.Status == ConferenceStatus.Ended
            ? ControlError.Conflict("Room has ended", $"The conference '{Short(room)}' has ended.")
            : new LiveRoom(room, found);
    }

    /// <summary>The room's ConferenceSid whether or not it has ended; null when unknown.</summary>
    public async Task<string?> SidAsync(string room, CancellationToken cancellationToken) =>
        (await store.GetRoomAsync(room, cancellationToken))?.ConferenceSid;

    /// <summary>The in-room participant labelled <c>agent</c>, else the target of the room's last completed transfer if still in it.</summary>
    public async Task<RoomParticipant?> AgentAsync(LiveRoom room, CancellationToken cancellationToken)
    {
        if (room.InRoom.FirstOrDefault(p => p.Label == AgentLabel) is { } agent)
        {
            return agent;
        }

        var last = await transfers.LatestCompletedAsync(room.ConferenceSid, cancellationToken);
        return last?.TargetCallSid is { } target ? room.Find(target) : null;
    }

    /// <summary><c>transfer-target</c>, or <c>transfer-target-2</c>… when an earlier target (now the agent) still holds the label.</summary>
    public static string TargetLabel(LiveRoom room)
    {
        var label = TransferTargetLabel;
        for (var n = 2; room.HasLabel(label); n++)
        {
            label = $"{TransferTargetLabel}-{n}";
        }

        return label;
    }

    public static string Short(string value) => value.Length > 64 ? value[..64] : value;
}
