using System.Text.Json.Serialization;

namespace ContactCenter.Api.Conferences;

[JsonConverter(typeof(JsonStringEnumConverter<ConferenceStatus>))]
public enum ConferenceStatus
{
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("ended")] Ended,
}

/// <summary>A participant's role, from its label's prefix (<c>agent-bob</c> is an agent).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ParticipantRole>))]
public enum ParticipantRole
{
    [JsonStringEnumMemberName("customer")] Customer,
    [JsonStringEnumMemberName("agent")] Agent,
    [JsonStringEnumMemberName("transfer-target")] TransferTarget,
    [JsonStringEnumMemberName("supervisor")] Supervisor,
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>A conference status callback as stored: the parsed columns plus every field as received.</summary>
public sealed record StoredConferenceEvent(
    string ConferenceSid,
    long SequenceNumber,
    string EventType,
    string? CallSid,
    DateTimeOffset? Timestamp,
    DateTimeOffset ReceivedAt,
    IReadOnlyDictionary<string, string> Fields);

/// <summary>A call progress callback as stored. Phone numbers are unmasked here; mask them before showing them.</summary>
public sealed record StoredCallStatus(
    string CallSid,
    string CallStatus,
    long SequenceNumber,
    string? ParentCallSid,
    string? Direction,
    string? From,
    string? To,
    DateTimeOffset? Timestamp,
    DateTimeOffset ReceivedAt,
    IReadOnlyDictionary<string, string> Fields);

/// <summary>One room, as its events applied in SequenceNumber order make it.</summary>
public sealed record ConferenceRoom(
    string ConferenceSid,
    string? FriendlyName,
    ConferenceStatus Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? EndReason,
    string? CallSidEndingConference,
    long LastSequenceNumber,
    IReadOnlyList<RoomParticipant> Participants,
    IReadOnlyList<RoomRecording> Recordings)
{
    /// <summary>Dials whose outcome is unknown: legs that may be ringing, by label (filled in by the admin room view).</summary>
    public IReadOnlyList<PendingDial> PendingDials { get; init; } = [];
}

/// <summary>A leg that may be ringing: its dial timed out or its answer was unreadable; reconciled by label before the same dial.</summary>
public sealed record PendingDial(string Label, string Target, string Outcome, DateTimeOffset DialedAt, string Actor);

/// <summary>Everyone who was ever in the room; <see cref="InRoom"/> tells who is in it now.</summary>
public sealed record RoomParticipant(
    string CallSid,
    string? Label,
    ParticipantRole Role,
    bool InRoom,
    DateTimeOffset? JoinedAt,
    DateTimeOffset? LeftAt,
    bool Hold,
    bool Muted,
    bool Coaching,
    string? CallSidToCoach,
    bool? StartConferenceOnEnter,
    bool? EndConferenceOnExit,
    string? ReasonLeft,
    string? CallStatus);

/// <summary>A recording of the room or of one of its legs, in its most advanced known status.</summary>
public sealed record RoomRecording(
    string RecordingSid,
    string Status,
    string? Url,
    int? DurationSeconds,
    int? Channels,
    string? ConferenceSid,
    string? CallSid);

/// <summary>A page of rooms, newest first.</summary>
public sealed record ConferencePage(IReadOnlyList<ConferenceRoom> Items, int Page, int PageSize, int Total);

/// <summary>Which rooms to list: active ones (started since), or ended ones (ended since).</summary>
public sealed record ConferenceQuery(ConferenceStatus Status = ConferenceStatus.Active, DateTimeOffset? Since = null, int Page = 1, int PageSize = 50);
