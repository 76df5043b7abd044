namespace ContactCenter.Api.Conferences;

/// <summary>
/// A room's state is its events applied in SequenceNumber order, whatever order they arrived in. Pure: the same
/// events (duplicates included) always give the same room.
/// </summary>
public static class RoomProjection
{
    public static ConferenceRoom Apply(string conferenceSid, IEnumerable<StoredConferenceEvent> events)
    {
        var room = new RoomState();
        var participants = new Dictionary<string, ParticipantState>(StringComparer.Ordinal);
        var order = new List<string>();
        long? lastSequence = null;
        var ofRoom = events.Where(e => e.ConferenceSid == conferenceSid).ToList();
        foreach (var e in ofRoom.Where(e => !ReconciledEvents.Is(e.EventType)).OrderBy(e => e.SequenceNumber))
        {
            if (e.SequenceNumber == lastSequence)
            {
                continue; // a duplicate that slipped in: the first stored copy counts
            }

            lastSequence = e.SequenceNumber;
            room.FriendlyName ??= Field(e, "FriendlyName");
            var at = e.Timestamp ?? e.ReceivedAt;
            switch (e.EventType)
            {
                case "conference-start":
                    room.StartedAt ??= at;
                    break;
                case "conference-end":
                    room.EndedAt ??= at;
                    room.EndReason ??= Field(e, "ReasonConferenceEnded");
                    room.CallSidEnding ??= Field(e, "CallSidEndingConference");
                    break;
                default:
                    if (e.EventType.StartsWith("participant-", StringComparison.Ordinal) && e.CallSid is { Length: > 0 } callSid)
                    {
                        if (!participants.TryGetValue(callSid, out var participant))
                        {
                            participants[callSid] = participant = new ParticipantState(callSid);
                            order.Add(callSid);
                        }

                        participant.Apply(e, at);
                    }

                    break;
            }
        }

        // Reconciliation markers close only what Twilio's own events left open, whatever order they were stored in.
        foreach (var marker in ofRoom.Where(e => ReconciledEvents.Is(e.EventType)).OrderBy(e => e.ReceivedAt))
        {
            var at = marker.Timestamp ?? marker.ReceivedAt;
            if (marker.EventType == ReconciledEvents.ConferenceEnd && room.EndedAt is null)
            {
                room.EndedAt = at;
                room.EndReason = ReconciledEvents.Reason;
            }
            else if (marker.EventType == ReconciledEvents.ParticipantLeave && marker.CallSid is { } callSid && participants.TryGetValue(callSid, out var participant))
            {
                participant.Reconcile(TwilioValues.TryParseSequence(Field(marker, ReconciledEvents.AfterSequenceField), out var after) ? after : 0, at);
            }
        }

        var ended = room.EndedAt is not null;
        return new ConferenceRoom(
            conferenceSid,
            room.FriendlyName,
            ended ? ConferenceStatus.Ended : ConferenceStatus.Active,
            room.StartedAt,
            room.EndedAt,
            room.EndReason,
            room.CallSidEnding,
            lastSequence ?? 0,
            [.. order.Select(sid => participants[sid].ToParticipant(ended))],
            []);
    }

    public static ParticipantRole RoleOf(string? label)
    {
        if (string.IsNullOrEmpty(label))
        {
            return ParticipantRole.Other;
        }

        return Is(label, "customer") ? ParticipantRole.Customer
            : Is(label, "agent") ? ParticipantRole.Agent
            : Is(label, "transfer-target") ? ParticipantRole.TransferTarget
            : Is(label, "supervisor") ? ParticipantRole.Supervisor
            : ParticipantRole.Other;

        static bool Is(string label, string prefix) =>
            label.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (label.Length == prefix.Length || label[prefix.Length] == '-');
    }

    private static string? Field(StoredConferenceEvent e, string name) =>
        e.Fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private sealed class RoomState
    {
        public string? FriendlyName { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
        public DateTimeOffset? EndedAt { get; set; }
        public string? EndReason { get; set; }
        public string? CallSidEnding { get; set; }
    }

    private sealed class ParticipantState(string callSid)
    {
        private string? _label;
        private bool _joined;
        private DateTimeOffset? _joinedAt;
        private DateTimeOffset? _leftAt;
        private bool _hold;
        private bool _muted;
        private bool _coaching;
        private string? _callSidToCoach;
        private bool? _startOnEnter;
        private bool? _endOnExit;
        private string? _reasonLeft;
        private string? _callStatus;
        private long _joinSequence;

        public void Apply(StoredConferenceEvent e, DateTimeOffset at)
        {
            // Every participant callback carries the participant's current flags; read what is there.
            _label = Field(e, "ParticipantLabel") ?? _label;
            _hold = TwilioValues.ParseBool(Field(e, "Hold")) ?? _hold;
            _muted = TwilioValues.ParseBool(Field(e, "Muted")) ?? _muted;
            if (TwilioValues.ParseBool(Field(e, "Coaching")) is { } coaching)
            {
                _coaching = coaching;
                _callSidToCoach = coaching ? Field(e, "CallSidToCoach") : null;
            }

            _startOnEnter = TwilioValues.ParseBool(Field(e, "StartConferenceOnEnter")) ?? _startOnEnter;
            _endOnExit = TwilioValues.ParseBool(Field(e, "EndConferenceOnExit")) ?? _endOnExit;
            _callStatus = Field(e, "ParticipantCallStatus") ?? _callStatus;

            switch (e.EventType)
            {
                case "participant-join":
                    _joined = true;
                    _joinSequence = e.SequenceNumber;
                    _joinedAt ??= at;
                    _leftAt = null;
                    _reasonLeft = null;
                    break;
                case "participant-leave":
                    _joined = false;
                    _leftAt = at;
                    _reasonLeft = Field(e, "ReasonParticipantLeft");
                    break;
                case "participant-hold":
                    _hold = true;
                    break;
                case "participant-unhold":
                    _hold = false;
                    break;
                case "participant-mute":
                    _muted = true;
                    break;
                case "participant-unmute":
                    _muted = false;
                    break;
                default:
                    // participant-modify and any other participant event: the flags read above.
                    _joined |= _leftAt is null;
                    break;
            }
        }

        /// <summary>Twilio no longer has the participant in the room, and no join came after the marker was written.</summary>
        public void Reconcile(long afterSequence, DateTimeOffset at)
        {
            if (_joined && _joinSequence <= afterSequence)
            {
                _joined = false;
                _leftAt = at;
                _reasonLeft = ReconciledEvents.Reason;
            }
        }

        public RoomParticipant ToParticipant(bool roomEnded) => new(
            callSid, _label, RoleOf(_label), _joined && !roomEnded, _joinedAt, _leftAt, _hold, _muted, _coaching, _callSidToCoach,
            _startOnEnter, _endOnExit, _reasonLeft, _callStatus);
    }
}
