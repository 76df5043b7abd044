namespace ContactCenter.TwilioSimulator;

/// <summary>Create Participant, in the simulator's terms (the HTTP layer parses Twilio's form into it).</summary>
public sealed record ParticipantRequest
{
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Label { get; init; }
    public bool Coaching { get; init; }
    public string? CallSidToCoach { get; init; }
    public bool Muted { get; init; }
    public bool Hold { get; init; }
    public bool StartConferenceOnEnter { get; init; } = true;
    public bool EndConferenceOnExit { get; init; }
    public int Timeout { get; init; } = SimulatedTwilio.DefaultTimeoutSeconds;
    public string? StatusCallback { get; init; }
    public IReadOnlySet<string> StatusCallbackEvents { get; init; } = new HashSet<string>();
    public string? ConferenceStatusCallback { get; init; }
    public IReadOnlySet<string> ConferenceStatusCallbackEvents { get; init; } = new HashSet<string>();
    public string? WaitUrl { get; init; }
}

/// <summary>Update Participant: null leaves a property as it is.</summary>
public sealed record ParticipantUpdate
{
    public bool? Hold { get; init; }
    public string? HoldUrl { get; init; }
    public bool? Muted { get; init; }
    public bool? Coaching { get; init; }
    public string? CallSidToCoach { get; init; }
    public bool? EndConferenceOnExit { get; init; }
    public string? AnnounceUrl { get; init; }
}

public sealed record OutboundCallRequest
{
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Url { get; init; }
    public string? Twiml { get; init; }
    public string? StatusCallback { get; init; }
    public IReadOnlySet<string> StatusCallbackEvents { get; init; } = new HashSet<string>();
    public int Timeout { get; init; } = SimulatedTwilio.DefaultTimeoutSeconds;
}

public sealed record CallUpdate
{
    public string? Status { get; init; }
    public string? Twiml { get; init; }
    public string? Url { get; init; }
}

public sealed record RecordingRequest
{
    public string? RecordingStatusCallback { get; init; }
    public IReadOnlySet<string> RecordingStatusCallbackEvents { get; init; } = new HashSet<string>();
}
