namespace ContactCenter.TwilioSimulator;

/// <summary>Immutable views handed out of the lock; the HTTP layer shapes them into Twilio's JSON.</summary>
public sealed record CallSnapshot(
    string Sid, string From, string To, string Direction, string Status,
    DateTimeOffset DateCreated, DateTimeOffset DateUpdated, DateTimeOffset? StartTime, DateTimeOffset? EndTime, int Duration,
    string? ConferenceSid, string? ConferenceFriendlyName, IReadOnlyList<string> Prompts);

public sealed record ConferenceSnapshot(
    string Sid, string FriendlyName, string Status, DateTimeOffset DateCreated, DateTimeOffset DateUpdated,
    string? ReasonConferenceEnded, string? CallSidEndingConference);

public sealed record ParticipantSnapshot(
    string CallSid, string ConferenceSid, string? Label, string Status, bool Muted, bool Hold, bool Coaching,
    string? CallSidToCoach, bool StartConferenceOnEnter, bool EndConferenceOnExit,
    DateTimeOffset DateCreated, DateTimeOffset DateUpdated);

public sealed record RecordingSnapshot(
    string Sid, string CallSid, string? ConferenceSid, string Status, DateTimeOffset DateCreated, string Source);

/// <summary>Who hears whom in one room at one moment.</summary>
public sealed record AudibilityMatrix(string ConferenceSid, string FriendlyName, string Status, IReadOnlyList<AudibilityEntry> Participants)
{
    public AudibilityEntry For(string callSidOrLabel) =>
        Participants.Single(p => p.CallSid == callSidOrLabel || p.Label == callSidOrLabel);

    /// <summary>True when <paramref name="listener"/> hears <paramref name="speaker"/> (call sids or labels).</summary>
    public bool Hears(string listener, string speaker) => For(listener).Hears.Contains(For(speaker).CallSid);
}

public sealed record AudibilityEntry(
    string CallSid, string? Label, IReadOnlyList<string> Hears, IReadOnlyList<string> HeardBy, bool HearsWaitMusic, bool HearsHoldMusic);

/// <summary>A webhook the simulator owes the service: posted, signed, in the order produced.</summary>
public sealed record SimulatorCallback(string Url, IReadOnlyList<KeyValuePair<string, string>> Form)
{
    public string? this[string name] => Form.FirstOrDefault(p => p.Key == name).Value;
}

public interface ISimulatorCallbackSink
{
    void Enqueue(SimulatorCallback callback);
}

/// <summary>A refusal shaped like Twilio's: HTTP status, Twilio error code, message.</summary>
public sealed class SimulatorApiException(int status, int code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public int Code { get; } = code;

    public static SimulatorApiException NotFound(string what) =>
        new(404, 20404, $"The requested resource {what} was not found");

    public static SimulatorApiException NotInProgress(string callSid) =>
        new(400, 21220, $"Call {callSid} is not in-progress: the participant is not connected");
}
