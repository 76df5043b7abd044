using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Conferences;

/// <summary>
/// Stores each callback exactly once, in one round trip: a conflict-ignoring insert keyed by Twilio's identity
/// of the event, so duplicates and concurrent deliveries to several instances change nothing. A conference event
/// also refreshes the room's summary row with an upsert whose every column is order-independent (earliest start,
/// lowest-sequence end, highest sequence), so the summary converges whatever order callbacks arrive in.
/// </summary>
public sealed partial class ConferenceEventWriter(
    IDbContextFactory<ContactCenterDbContext> contexts,
    StorageWriteGate gate,
    IEnumerable<IConferenceEventObserver> observers,
    ILogger<ConferenceEventWriter> logger)
{
    private readonly IConferenceEventObserver[] _observers = [.. observers];

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

        int affected;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // SQLite runs the two statements one by one, so make them one transaction; PostgreSQL runs a batch
            // in one implicit transaction already.
            await using var transaction = db.Database.IsSqlite() ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            object?[] parameters =
                [e.ConferenceSid, e.SequenceNumber, e.EventType, e.CallSid, occurredAt, receivedAt, payload,
                 friendlyName, accountSid, startedAt, endedAt, endSequence, endReason, endingCallSid, firstEventAt];
            affected = await db.Database.ExecuteSqlRawAsync(ConferenceEventSql, parameters!, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        // The event insert affects one row when new, none when a duplicate; the upsert always affects one.
        var isNew = affected >= 2;
        if (isNew)
        {
            foreach (var observer in _observers)
            {
                await Notify(observer, o => o.OnConferenceEventAsync(e, cancellationToken), e.EventType);
            }
        }

        return isNew;
    }

    /// <summary>True when the call callback is new; false for a duplicate.</summary>
    public async Task<bool> AddCallStatusAsync(StoredCallStatus s, string payload, CancellationToken cancellationToken)
    {
        int affected;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            affected = await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO call_status_events (call_sid, call_status, sequence_number, parent_call_sid, direction, from_number, to_number, occurred_at, received_at, payload)
                VALUES ({s.CallSid}, {s.CallStatus}, {s.SequenceNumber}, {s.ParentCallSid}, {s.Direction}, {s.From}, {s.To}, {s.Timestamp?.UtcDateTime}, {s.ReceivedAt.UtcDateTime}, {payload})
                ON CONFLICT (call_sid, call_status, sequence_number) DO NOTHING
                """, cancellationToken);
        }

        if (affected > 0)
        {
            foreach (var observer in _observers)
            {
                await Notify(observer, o => o.OnCallStatusAsync(s, cancellationToken), s.CallStatus);
            }
        }

        return affected > 0;
    }

    /// <summary>True when this status of the recording is new; false for a duplicate.</summary>
    public async Task<bool> AddRecordingAsync(RecordingRow r, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO recordings (recording_sid, recording_status, conference_sid, call_sid, recording_url, duration_seconds, channels, received_at, payload)
                VALUES ({r.RecordingSid}, {r.RecordingStatus}, {r.ConferenceSid}, {r.CallSid}, {r.RecordingUrl}, {r.DurationSeconds}, {r.Channels}, {r.ReceivedAt}, {r.Payload})
                ON CONFLICT (recording_sid, recording_status) DO NOTHING
                """, cancellationToken) > 0;
        }
    }

    // When the incoming row's conference-end has a lower sequence than the stored one (or none is stored).
    private const string EarlierEnd =
        "excluded.end_sequence_number IS NOT NULL AND (c.end_sequence_number IS NULL OR excluded.end_sequence_number < c.end_sequence_number)";

    // {0}..{14}: EF turns each into a parameter. Runs unchanged on SQLite (3.24+) and PostgreSQL (9.5+).
    private const string ConferenceEventSql = $$"""
        INSERT INTO conference_events (conference_sid, sequence_number, event_type, call_sid, occurred_at, received_at, payload)
        VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6})
        ON CONFLICT (conference_sid, sequence_number) DO NOTHING;
        INSERT INTO conferences AS c (conference_sid, friendly_name, account_sid, started_at, ended_at, end_sequence_number, end_reason,
            call_sid_ending_conference, first_event_at, last_sequence_number, last_received_at)
        VALUES ({0}, {7}, {8}, {9}, {10}, {11}, {12}, {13}, {14}, {1}, {5})
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

    private static string? Field(StoredConferenceEvent e, string name) =>
        e.Fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private async Task Notify(IConferenceEventObserver observer, Func<IConferenceEventObserver, Task> notify, string eventType)
    {
        try
        {
            await notify(observer);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogObserverFailed(logger, observer.GetType().Name, eventType, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Observer {Observer} failed on a stored {EventType} callback; the callback stays stored")]
    private static partial void LogObserverFailed(ILogger logger, string observer, string eventType, Exception exception);
}
