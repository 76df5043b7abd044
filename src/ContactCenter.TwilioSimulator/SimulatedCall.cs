namespace ContactCenter.TwilioSimulator;

/// <summary>One call leg. Mutable; only touched under <see cref="SimulatedTwilio"/>'s lock.</summary>
internal sealed class SimulatedCall
{
    public required string Sid { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string Direction { get; init; }
    public required DateTimeOffset DateCreated { get; init; }
    public DateTimeOffset DateUpdated { get; set; }
    public string Status { get; set; } = CallStatus.Queued;
    public DateTimeOffset? StartTime { get; set; }
    public DateTimeOffset? EndTime { get; set; }
    public string? StatusCallback { get; init; }
    public IReadOnlySet<string> StatusCallbackEvents { get; init; } = new HashSet<string>();
    public int CallbackSequence { get; set; }
    public List<string> Prompts { get; } = [];

    /// <summary>What the leg executes once answered (Calls create with Twiml); null for a participant leg or a Url.</summary>
    public TwimlInstructions? PendingTwiml { get; set; }

    /// <summary>The room this leg is in or is being dialed into.</summary>
    public SimulatedConference? Conference { get; set; }

    public List<SimulatedRecording> Recordings { get; } = [];

    /// <summary>The &lt;Record&gt; action Twilio owes a request, with the message's recording fields.</summary>
    public (string Url, List<KeyValuePair<string, string>> Form)? PendingRecordAction { get; set; }
    public ITimer? Timer { get; set; }

    public bool IsRinging => Status is CallStatus.Queued or CallStatus.Initiated or CallStatus.Ringing;
    public bool IsEnded => CallStatus.IsFinal(Status);

    public int Duration => StartTime is { } start && EndTime is { } end ? (int)(end - start).TotalSeconds : 0;
}

public static class CallStatus
{
    public const string Queued = "queued";
    public const string Initiated = "initiated";
    public const string Ringing = "ringing";
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
    public const string Busy = "busy";
    public const string NoAnswer = "no-answer";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    public static bool IsFinal(string status) => status is Completed or Busy or NoAnswer or Failed or Canceled;
}

/// <summary>How a leg enters a conference: the &lt;Conference&gt; attributes or the Participants create parameters.</summary>
public sealed record ConferenceJoin
{
    public required string FriendlyName { get; init; }
    public string? Label { get; init; }
    public bool StartConferenceOnEnter { get; init; } = true;
    public bool EndConferenceOnExit { get; init; }
    public bool Muted { get; init; }
    public bool Hold { get; init; }
    public bool Coaching { get; init; }
    public string? CallSidToCoach { get; init; }
    public string? WaitUrl { get; init; }
    public string? StatusCallback { get; init; }
    public IReadOnlySet<string> StatusCallbackEvents { get; init; } = new HashSet<string>();
    public bool Record { get; init; }
    public string? RecordingStatusCallback { get; init; }
    public IReadOnlySet<string> RecordingStatusCallbackEvents { get; init; } = new HashSet<string>();
}
