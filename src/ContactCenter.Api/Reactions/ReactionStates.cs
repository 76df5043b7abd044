namespace ContactCenter.Api.Reactions;

/// <summary>A queued reaction's state: pending until it ran (done), gave up (failed) or may have dialed when it stopped (unknown).</summary>
public static class ReactionStates
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Unknown = "unknown";

    public const string ConferenceEvent = "conference-event";
    public const string CallStatus = "call-status";
}

/// <summary>A row claimed by this instance: which reaction, for which stored callback.</summary>
public sealed record ClaimedReaction(long Id, string Reaction, string Source, string SourceSid, string SourceStatus, long SequenceNumber, int Attempts);
