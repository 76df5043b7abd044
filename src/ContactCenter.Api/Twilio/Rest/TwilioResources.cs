namespace ContactCenter.Api.Twilio.Rest;

// Twilio's answers, only the fields this service uses, copied from the library's resources.

public sealed record TwilioConference(
    string Sid,
    string? FriendlyName,
    string? Status,
    string? ReasonConferenceEnded,
    string? CallSidEndingConference);

public sealed record TwilioParticipant(
    string CallSid,
    string ConferenceSid,
    string? Label,
    string? Status,
    bool Muted,
    bool Hold,
    bool Coaching,
    string? CallSidToCoach,
    bool StartConferenceOnEnter,
    bool EndConferenceOnExit);

/// <summary>A call leg. Its phone numbers are deliberately not read, so the record can be logged.</summary>
public sealed record TwilioCall(string Sid, string? ParentCallSid, string? Status, string? Direction);

public sealed record TwilioRecording(string Sid, string CallSid, string? ConferenceSid, string? Status, string? Track);

public enum TwilioConferenceStatus
{
    Init,
    InProgress,
    Completed,
}
