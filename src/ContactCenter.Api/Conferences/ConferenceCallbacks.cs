namespace ContactCenter.Api.Conferences;

// Twilio's status callbacks, bound from the form. Every field is an optional string so binding never fails
// before the signature filter has run; the handlers validate and parse. Fields not named here are still
// stored (the raw form is kept as JSON).

/// <summary>A conference status callback (statusCallback on &lt;Conference&gt; or the Participants API).</summary>
public sealed record ConferenceEventCallback
{
    public string? ConferenceSid { get; init; }
    public string? FriendlyName { get; init; }
    public string? AccountSid { get; init; }
    public string? SequenceNumber { get; init; }
    public string? Timestamp { get; init; }
    public string? StatusCallbackEvent { get; init; }
    public string? CallSid { get; init; }
    public string? ParticipantLabel { get; init; }
    public string? Muted { get; init; }
    public string? Hold { get; init; }
    public string? Coaching { get; init; }
    public string? CallSidToCoach { get; init; }
    public string? EndConferenceOnExit { get; init; }
    public string? StartConferenceOnEnter { get; init; }
    public string? ReasonConferenceEnded { get; init; }
    public string? CallSidEndingConference { get; init; }
    public string? ParticipantCallStatus { get; init; }
    public string? ReasonParticipantLeft { get; init; }
}

/// <summary>A call progress callback for a leg the service dialed (agents, transfer targets, supervisors).</summary>
public sealed record CallStatusCallback
{
    public string? CallSid { get; init; }
    public string? AccountSid { get; init; }
    public string? ParentCallSid { get; init; }
    public string? CallStatus { get; init; }
    public string? SequenceNumber { get; init; }
    public string? Timestamp { get; init; }
    public string? Direction { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? CallDuration { get; init; }
    public string? SipResponseCode { get; init; }
    public string? AnsweredBy { get; init; }
}

/// <summary>A recording status callback for the conference recording or a call-leg recording.</summary>
public sealed record RecordingStatusCallback
{
    public string? AccountSid { get; init; }
    public string? RecordingSid { get; init; }
    public string? RecordingUrl { get; init; }
    public string? RecordingStatus { get; init; }
    public string? RecordingDuration { get; init; }
    public string? RecordingChannels { get; init; }
    public string? RecordingSource { get; init; }
    public string? ConferenceSid { get; init; }
    public string? CallSid { get; init; }
}
