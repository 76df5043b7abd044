using System.Collections.Frozen;

namespace ContactCenter.Api.Conferences;

/// <summary>
/// The fields Twilio documents for each callback type: the only ones stored with a callback. Anything else a
/// (signed) callback carries is left out and counted, so a form stuffed with extra fields cannot grow the database.
/// Phone numbers and caller identity are documented too but never stored (<see cref="TwilioValues"/>).
/// </summary>
public static class CallbackFields
{
    /// <summary>A conference's statusCallback (participant and conference events, conference recordings).</summary>
    public static readonly FrozenSet<string> Conference = Set(
        "AccountSid", "ConferenceSid", "FriendlyName", "StatusCallbackEvent", "Timestamp", "SequenceNumber", "CallSid", "Muted",
        "Hold", "Coaching", "CallSidToCoach", "EndConferenceOnExit", "StartConferenceOnEnter", "CallSidEndingConference",
        "ParticipantLabelEndingConference", "ParticipantLabel", "ParticipantCallStatus", "ReasonConferenceEnded",
        "ReasonParticipantLeft", "Reason", "RecordingUrl", "RecordingSid", "RecordingFileSize", "RecordingDuration", "EventName");

    /// <summary>A dialed leg's call progress (statusCallback on a call or participant).</summary>
    public static readonly FrozenSet<string> CallStatus = Set(
        "CallSid", "AccountSid", "CallStatus", "ApiVersion", "Direction", "ParentCallSid", "Timestamp", "CallbackSource",
        "SequenceNumber", "CallDuration", "Duration", "SipResponseCode", "AnsweredBy", "RecordingUrl", "RecordingSid", "RecordingDuration",
        "FromCity", "FromState", "FromZip", "FromCountry", "ToCity", "ToState", "ToZip", "ToCountry",
        "CalledCity", "CalledState", "CalledZip", "CalledCountry", "CallerCity", "CallerState", "CallerZip", "CallerCountry");

    /// <summary>A recording's recordingStatusCallback.</summary>
    public static readonly FrozenSet<string> Recording = Set(
        "AccountSid", "CallSid", "RecordingSid", "RecordingUrl", "RecordingStatus", "RecordingDuration", "RecordingChannels",
        "RecordingStartTime", "RecordingSource", "RecordingTrack", "ErrorCode", "ConferenceSid");

    // Form names are case-insensitive (as ASP.NET reads forms); what is stored carries Twilio's spelling.
    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
