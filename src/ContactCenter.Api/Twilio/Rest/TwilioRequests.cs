namespace ContactCenter.Api.Twilio.Rest;

// What the conference features send. Null means "not sent": Twilio's default applies.

/// <summary>Dial someone into a conference (POST .../Participants.json).</summary>
public sealed record CreateParticipantRequest
{
    /// <summary>E.164 number or client: identity shown to the callee.</summary>
    public required string From { get; init; }

    /// <summary>E.164 number, sip: URI or client: identity to dial.</summary>
    public required string To { get; init; }

    public string? Label { get; init; }
    public bool? Coaching { get; init; }
    public string? CallSidToCoach { get; init; }
    public bool? Beep { get; init; }
    public bool? EarlyMedia { get; init; }
    public bool? Muted { get; init; }
    public bool? StartConferenceOnEnter { get; init; }
    public bool? EndConferenceOnExit { get; init; }

    /// <summary>Seconds to ring (5-600).</summary>
    public int? Timeout { get; init; }

    /// <summary>Maximum call duration in seconds.</summary>
    public int? TimeLimit { get; init; }

    public string? StatusCallback { get; init; }
    public string? StatusCallbackMethod { get; init; }

    /// <summary>Any of initiated, ringing, answered, completed; sent as repeated keys.</summary>
    public IReadOnlyList<string>? StatusCallbackEvent { get; init; }

    public bool? Record { get; init; }
    public string? CallerId { get; init; }
    public string? WaitUrl { get; init; }
}

/// <summary>Change a participant (POST .../Participants/{CallSid or label}.json). At least one field must be set.</summary>
public sealed record UpdateParticipantRequest
{
    public bool? Hold { get; init; }
    public string? HoldUrl { get; init; }
    public string? HoldMethod { get; init; }
    public bool? Muted { get; init; }
    public bool? Coaching { get; init; }
    public string? CallSidToCoach { get; init; }
    public string? AnnounceUrl { get; init; }
    public bool? EndConferenceOnExit { get; init; }
    public bool? BeepOnExit { get; init; }
}

/// <summary>End a conference or announce into it.</summary>
public sealed record UpdateConferenceRequest
{
    /// <summary>Sends Status=completed: every participant is disconnected.</summary>
    public bool Complete { get; init; }

    public string? AnnounceUrl { get; init; }
}

/// <summary>Place an outbound call (POST .../Calls.json). Exactly one of <see cref="Url"/> and <see cref="Twiml"/>.</summary>
public sealed record CreateCallRequest
{
    public required string To { get; init; }
    public required string From { get; init; }
    public string? Url { get; init; }
    public string? Twiml { get; init; }
    public string? StatusCallback { get; init; }

    /// <summary>Any of initiated, ringing, answered, completed; sent as repeated keys.</summary>
    public IReadOnlyList<string>? StatusCallbackEvent { get; init; }

    /// <summary>Seconds to ring (5-600).</summary>
    public int? Timeout { get; init; }
}

/// <summary>Hang up or redirect a live call. <see cref="Complete"/> or one of <see cref="Url"/> and <see cref="Twiml"/>.</summary>
public sealed record UpdateCallRequest
{
    /// <summary>Sends Status=completed: the call is hung up.</summary>
    public bool Complete { get; init; }

    public string? Url { get; init; }
    public string? Twiml { get; init; }
}

/// <summary>Record one call leg (POST .../Calls/{CallSid}/Recordings.json), e.g. a coach, whom the conference recording misses.</summary>
public sealed record StartCallRecordingRequest
{
    public string? RecordingStatusCallback { get; init; }

    /// <summary>Any of in-progress, completed, absent; sent as repeated keys.</summary>
    public IReadOnlyList<string>? RecordingStatusCallbackEvent { get; init; }

    /// <summary>inbound, outbound or both.</summary>
    public string? RecordingTrack { get; init; }
}
