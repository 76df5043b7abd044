using System.Security.Cryptography;
using System.Text;

namespace ContactCenter.Api.Conferences;

/// <summary>
/// What the service writes into a room's record when Twilio's own callback was lost and Twilio's REST API says the
/// room (or a participant's time in it) is over. Stored beside Twilio's events with negative sequence numbers, which
/// Twilio never uses, so a real callback arriving later is stored as well and wins: the projection applies these
/// markers after every real event, and only to what is still open.
/// </summary>
public static class ReconciledEvents
{
    public const string Reason = "reconciled";
    public const string ConferenceEnd = "reconciled-conference-end";
    public const string ParticipantLeave = "reconciled-participant-leave";

    /// <summary>The highest real SequenceNumber in the record when the marker was written; later joins are not closed by it.</summary>
    public const string AfterSequenceField = "AfterSequenceNumber";

    public const long ConferenceEndSequence = -1;

    public static bool Is(string eventType) => eventType.StartsWith("reconciled-", StringComparison.Ordinal);

    /// <summary>One fixed key per participant, so every instance writes the same row and a second write is a duplicate.</summary>
    public static long ParticipantLeaveSequence(string callSid) =>
        -2 - (BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(callSid))) & 0x3FFF_FFFF_FFFF_FFFF);
}
