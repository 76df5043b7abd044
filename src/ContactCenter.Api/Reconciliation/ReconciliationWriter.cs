using ContactCenter.Api.Conferences;
using ContactCenter.Api.Storage;

namespace ContactCenter.Api.Reconciliation;

/// <summary>
/// Writes reconciliation markers (<see cref="ReconciledEvents"/>) through the group commit, keyed like Twilio's
/// events so a second instance or a second pass changes nothing. The room's summary row gets an end only when it
/// has none, without an end sequence number, so Twilio's real conference-end still replaces it when it arrives.
/// </summary>
public sealed class ReconciliationWriter(GroupCommitWriter writer, TimeProvider time)
{
    private const string InsertEventSql = """
        INSERT INTO conference_events (conference_sid, sequence_number, event_type, call_sid, occurred_at, received_at, payload)
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)
        ON CONFLICT (conference_sid, sequence_number) DO NOTHING
        """;

    private const string EndRoomSql = """
        UPDATE conferences SET ended_at = @p1, end_reason = @p2 WHERE conference_sid = @p0 AND ended_at IS NULL
        """;

    /// <summary>Closes each of <paramref name="callSids"/> and, with <paramref name="endRoom"/>, the room itself.</summary>
    public async Task WriteAsync(ConferenceRoom room, IReadOnlyCollection<string> callSids, bool endRoom, string twilioSays, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var statements = new List<StorageWrite>();
        foreach (var callSid in callSids)
        {
            statements.Add(Marker(room, ReconciledEvents.ParticipantLeaveSequence(callSid), ReconciledEvents.ParticipantLeave, callSid, "ReasonParticipantLeft", twilioSays, now));
        }

        if (endRoom)
        {
            statements.Add(Marker(room, ReconciledEvents.ConferenceEndSequence, ReconciledEvents.ConferenceEnd, null, "ReasonConferenceEnded", twilioSays, now));
            statements.Add(new StorageWrite(EndRoomSql, [room.ConferenceSid, now, ReconciledEvents.Reason], "conference:" + room.ConferenceSid));
        }

        if (statements.Count > 0)
        {
            await writer.WriteAsync([.. statements], cancellationToken);
        }
    }

    private static StorageWrite Marker(ConferenceRoom room, long sequence, string type, string? callSid, string reasonField, string twilioSays, DateTime now)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [ReconciledEvents.AfterSequenceField] = room.LastSequenceNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConferenceSid"] = room.ConferenceSid,
            [reasonField] = ReconciledEvents.Reason,
            ["TwilioSays"] = twilioSays,
        };
        if (room.FriendlyName is { } name)
        {
            fields["FriendlyName"] = name;
        }

        if (callSid is not null)
        {
            fields["CallSid"] = callSid;
        }

        return new StorageWrite(InsertEventSql, [room.ConferenceSid, sequence, type, callSid, now, now, TwilioValues.RawJson(fields)], "conference-event:" + room.ConferenceSid);
    }
}
