namespace ContactCenter.Api.Storage;

// One row per stored callback, exactly as received (Payload holds every form field as JSON, phone
// numbers excepted), plus the columns the queries need. Timestamps are UTC.

/// <summary>A conference status callback; key (ConferenceSid, SequenceNumber).</summary>
public sealed class ConferenceEventRow
{
    public required string ConferenceSid { get; init; }
    public long SequenceNumber { get; init; }
    public required string EventType { get; init; }
    public string? CallSid { get; init; }
    public DateTime? OccurredAt { get; init; }
    public DateTime ReceivedAt { get; init; }
    public required string Payload { get; init; }
}

/// <summary>The per-room summary maintained by an order-independent upsert: the index for lookups and lists.</summary>
public sealed class ConferenceRow
{
    public required string ConferenceSid { get; init; }
    public string? FriendlyName { get; init; }
    public string? AccountSid { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? EndedAt { get; init; }
    public long? EndSequenceNumber { get; init; }
    public string? EndReason { get; init; }
    public string? CallSidEndingConference { get; init; }
    public DateTime FirstEventAt { get; init; }
    public long LastSequenceNumber { get; init; }
    public DateTime LastReceivedAt { get; init; }
}

/// <summary>A call progress callback for a leg the service dialed; key (CallSid, CallStatus, SequenceNumber).</summary>
public sealed class CallStatusRow
{
    public required string CallSid { get; init; }
    public required string CallStatus { get; init; }
    public long SequenceNumber { get; init; }
    public string? ParentCallSid { get; init; }
    public string? Direction { get; init; }
    public string? FromNumber { get; init; }
    public string? ToNumber { get; init; }
    public DateTime? OccurredAt { get; init; }
    public DateTime ReceivedAt { get; init; }
    public required string Payload { get; init; }
}

/// <summary>A recording status callback; key (RecordingSid, RecordingStatus).</summary>
public sealed class RecordingRow
{
    public required string RecordingSid { get; init; }
    public required string RecordingStatus { get; init; }
    public string? ConferenceSid { get; init; }
    public string? CallSid { get; init; }
    public string? RecordingUrl { get; init; }
    public int? DurationSeconds { get; init; }
    public int? Channels { get; init; }
    public DateTime ReceivedAt { get; init; }
    public required string Payload { get; init; }
}
