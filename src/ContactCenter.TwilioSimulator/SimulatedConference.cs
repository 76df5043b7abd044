namespace ContactCenter.TwilioSimulator;

/// <summary>One conference room. Mutable; only touched under <see cref="SimulatedTwilio"/>'s lock.</summary>
internal sealed class SimulatedConference
{
    public required string Sid { get; init; }
    public required string FriendlyName { get; init; }
    public required DateTimeOffset DateCreated { get; init; }
    public DateTimeOffset DateUpdated { get; set; }
    public string Status { get; set; } = ConferenceStatus.Init;
    public string? StatusCallback { get; init; }
    public IReadOnlySet<string> StatusCallbackEvents { get; init; } = new HashSet<string>();
    public string? WaitUrl { get; init; }
    public bool Record { get; init; }
    public string? RecordingStatusCallback { get; init; }
    public IReadOnlySet<string> RecordingStatusCallbackEvents { get; init; } = new HashSet<string>();
    public SimulatedRecording? Recording { get; set; }
    public string? ReasonConferenceEnded { get; set; }
    public string? CallSidEndingConference { get; set; }
    public int CallbackSequence { get; set; }

    /// <summary>Connected participants and legs still being dialed into the room, in joining order.</summary>
    public List<SimulatedParticipant> Participants { get; } = [];

    public IEnumerable<SimulatedParticipant> Connected => Participants.Where(p => p.Status == ParticipantStatus.Connected);
}

internal sealed class SimulatedParticipant
{
    public required SimulatedCall Call { get; init; }
    public required DateTimeOffset DateCreated { get; init; }
    public DateTimeOffset DateUpdated { get; set; }
    public string Status { get; set; } = ParticipantStatus.Queued;
    public string? Label { get; init; }
    public bool StartConferenceOnEnter { get; init; }
    public bool EndConferenceOnExit { get; set; }
    public bool Muted { get; set; }
    public bool Hold { get; set; }
    public string? HoldUrl { get; set; }
    public bool Coaching { get; set; }
    public string? CallSidToCoach { get; set; }
}

public static class ConferenceStatus
{
    public const string Init = "init";
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
}

public static class ParticipantStatus
{
    public const string Queued = "queued";
    public const string Connecting = "connecting";
    public const string Ringing = "ringing";
    public const string Connected = "connected";
    public const string Complete = "complete";
    public const string Failed = "failed";
}
