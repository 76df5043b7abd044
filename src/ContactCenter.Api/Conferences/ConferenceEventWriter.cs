using ContactCenter.Api.Reactions;
using ContactCenter.Api.Storage;

namespace ContactCenter.Api.Conferences;

/// <summary>
/// Stores each callback exactly once, in a group commit: a conflict-ignoring insert keyed by Twilio's identity
/// of the event, so duplicates and concurrent deliveries to several instances change nothing. A conference event
/// also refreshes the room's summary row with an upsert whose every column is order-independent (earliest start,
/// lowest-sequence end, highest sequence), so the summary converges whatever order callbacks arrive in.
/// The reactions a callback may cause are queued in the same transaction (<see cref="ReactionOutbox"/>) and run after the
/// answer by <see cref="ReactionWorker"/>; nothing here waits for Twilio.
/// </summary>
public sealed partial class ConferenceEventWriter(
    GroupCommitWriter writer,
    IEnumerable<ICallbackReaction> reactions,
    ReactionSignal signal,
    ILogger<ConferenceEventWriter> logger)
{
    private readonly ICallbackReaction[] _reactions = [.. reactions];

    /// <summary>True when the event is new; false for a duplicate.</summary>
    public async Task<bool> AddConferenceEventAsync(StoredConferenceEvent e, string? friendlyName, string? accountSid, string payload, CancellationToken cancellationToken)
    {
        var occurredAt = e.Timestamp?.UtcDateTime;
        var receivedAt = e.ReceivedAt.UtcDateTime;
        var isStart = e.EventType == "conference-start";
        var isEnd = e.EventType == "conference-end";
        DateTime? startedAt = isStart ? occurredAt ?? receivedAt : null;
        DateTime? endedAt = isEnd ? occurredAt ?? receivedAt : null;
        long? endSequence = isEnd ? e.SequenceNumber : null;
        var endReason = isEnd ? Field(e, "ReasonConferenceEnded") : null;
        var endingCallSid = isEnd ? Field(e, "CallSidEndingConference") : null;
        var firstEventAt = occurredAt ?? receivedAt;

        var wanting = _reactions.Where(r => r.Wants(e)).ToList();
        var writesWith = Array.ConvertAll(_reactions, r => r.WritesWith(e, receivedAt).ToArray());
        var affected = await StoreAsync("conference event", payload,
        [
            new(InsertEventSql, [e.ConferenceSid, e.SequenceNumber, e.EventType, e.CallSid, occurredAt, receivedAt, payload], "conference-event:" + e.ConferenceSid),
            new(UpsertConferenceSql,
                [e.ConferenceSid, e.SequenceNumber, friendlyName, accountSid, startedAt, endedAt, endSequence, endReason, endingCallSid, firstEventAt, receivedAt],
                "conference:" + e.ConferenceSid),
            .. wanting.Select(r => ReactionOutbox.Enqueue(r, e, receivedAt)),
            .. writesWith.SelectMany(w => w),
        ], cancellationToken);

        // The insert affects one row when the event is new, none when it is a duplicate.
        WakeIfQueued(affected.AsSpan(2, wanting.Count));
        if (affected[0] == 1)
        {
            // Each reaction learns what its own writes changed (rows affected, in the order it gave them).
            var offset = 2 + wanting.Count;
            for (var i = 0; i < _reactions.Length; i++)
            {
                _reactions[i].Committed(e, affected.AsSpan(offset, writesWith[i].Length));
                offset += writesWith[i].Length;
            }
        }

        return affected[0] == 1;
    }

    /// <summary>True when the call callback is new; false for a duplicate.</summary>
    public async Task<bool> AddCallStatusAsync(StoredCallStatus s, string payload, CancellationToken cancellationToken)
    {
        var receivedAt = s.ReceivedAt.UtcDateTime;
        var affected = await StoreAsync("call status", payload,
        [
            new("""
                INSERT INTO call_status_events (call_sid, call_status, sequence_number, parent_call_sid, direction, from_number, to_number, occurred_at, received_at, payload)
                VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)
                ON CONFLICT (call_sid, call_status, sequence_number) DO NOTHING
                """,
                [s.CallSid, s.CallStatus, s.SequenceNumber, s.ParentCallSid, s.Direction, s.From, s.To, s.Timestamp?.UtcDateTime, s.ReceivedAt.UtcDateTime, payload],
                "call:" + s.CallSid),
            .. _reactions.Where(r => r.Wants(s)).Select(r => ReactionOutbox.Enqueue(r, s, receivedAt)),
        ], cancellationToken);

        WakeIfQueued(affected.AsSpan(1));
        return affected[0] > 0;
    }

    /// <summary>
    /// True when this status of the recording is new; false for a duplicate. <paramref name="writesWith"/> (e.g. a voicemail)
    /// commit with it and run on every delivery, so they must be idempotent.
    /// </summary>
    public async Task<bool> AddRecordingAsync(RecordingRow r, StorageWrite[] writesWith, CancellationToken cancellationToken)
    {
        var affected = await StoreAsync("recording", r.Payload,
        [
            new("""
                INSERT INTO recordings (recording_sid, recording_status, conference_sid, call_sid, recording_url, duration_seconds, channels, received_at, payload)
                VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8)
                ON CONFLICT (recording_sid, recording_status) DO NOTHING
                """,
                [r.RecordingSid, r.RecordingStatus, r.ConferenceSid, r.CallSid, r.RecordingUrl, r.DurationSeconds, r.Channels, r.ReceivedAt, r.Payload],
                "recording:" + r.RecordingSid),
            .. writesWith,
        ], cancellationToken);
        return affected[0] > 0;
    }

    // When the incoming row's conference-end has a lower sequence than the stored one (or none is stored).
    private const string EarlierEnd =
        "excluded.end_sequence_number IS NOT NULL AND (c.end_sequence_number IS NULL OR excluded.end_sequence_number < c.end_sequence_number)";

    // Runs unchanged on SQLite (3.24+) and PostgreSQL (9.5+).
    private const string InsertEventSql = """
        INSERT INTO conference_events (conference_sid, sequence_number, event_type, call_sid, occurred_at, received_at, payload)
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)
        ON CONFLICT (conference_sid, sequence_number) DO NOTHING
        """;

    private const string UpsertConferenceSql = $$"""
        INSERT INTO conferences AS c (conference_sid, friendly_name, account_sid, started_at, ended_at, end_sequence_number, end_reason,
            call_sid_ending_conference, first_event_at, last_sequence_number, last_received_at)
        VALUES (@p0, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p1, @p10)
        ON CONFLICT (conference_sid) DO UPDATE SET
            friendly_name = COALESCE(c.friendly_name, excluded.friendly_name),
            account_sid = COALESCE(c.account_sid, excluded.account_sid),
            started_at = CASE WHEN c.started_at IS NULL OR excluded.started_at < c.started_at THEN excluded.started_at ELSE c.started_at END,
            ended_at = CASE WHEN {{EarlierEnd}} THEN excluded.ended_at ELSE c.ended_at END,
            end_reason = CASE WHEN {{EarlierEnd}} THEN excluded.end_reason ELSE c.end_reason END,
            call_sid_ending_conference = CASE WHEN {{EarlierEnd}} THEN excluded.call_sid_ending_conference ELSE c.call_sid_ending_conference END,
            end_sequence_number = CASE WHEN {{EarlierEnd}} THEN excluded.end_sequence_number ELSE c.end_sequence_number END,
            first_event_at = CASE WHEN excluded.first_event_at < c.first_event_at THEN excluded.first_event_at ELSE c.first_event_at END,
            last_sequence_number = CASE WHEN excluded.last_sequence_number > c.last_sequence_number THEN excluded.last_sequence_number ELSE c.last_sequence_number END,
            last_received_at = CASE WHEN excluded.last_received_at > c.last_received_at THEN excluded.last_received_at ELSE c.last_received_at END
        """;

    private async Task<int[]> StoreAsync(string kind, string payload, StorageWrite[] statements, CancellationToken cancellationToken)
    {
        try
        {
            return await writer.WriteAsync(statements, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Twilio does not retry status callbacks: the log keeps what arrived (phone numbers already removed) for replay.
            LogNotStored(logger, kind, payload, exception);
            throw;
        }
    }

    private static string? Field(StoredConferenceEvent e, string name) =>
        e.Fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private void WakeIfQueued(ReadOnlySpan<int> outboxRows)
    {
        foreach (var rows in outboxRows)
        {
            if (rows > 0)
            {
                signal.Notify();
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store a {Kind} callback; its fields, for replay: {Payload}")]
    private static partial void LogNotStored(ILogger logger, string kind, string payload, Exception exception);
}
