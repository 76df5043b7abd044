using ContactCenter.Api.Storage;
using ContactCenter.Api.Twilio;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Conferences;

/// <summary>Reads rooms by folding their stored events (<see cref="RoomProjection"/>); the summary rows only index them.</summary>
public sealed class ConferenceStore(IDbContextFactory<ContactCenterDbContext> contexts) : IConferenceStore
{
    public const int MaxPageSize = 200;

    public async Task<ConferenceRoom?> GetRoomAsync(string roomOrSid, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sid = await FindAsync(db, roomOrSid, cancellationToken);
        return sid is null ? null : (await ProjectAsync(db, [sid], cancellationToken))[0];
    }

    public async Task<IReadOnlyList<StoredConferenceEvent>?> GetTimelineAsync(string roomOrSid, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sid = await FindAsync(db, roomOrSid, cancellationToken);
        if (sid is null)
        {
            return null;
        }

        var rows = await db.ConferenceEvents.AsNoTracking().Where(e => e.ConferenceSid == sid).ToListAsync(cancellationToken);
        // Twilio's events in sequence order, then the service's reconciliation markers in the order they were written.
        return [.. rows.OrderBy(e => ReconciledEvents.Is(e.EventType)).ThenBy(e => ReconciledEvents.Is(e.EventType) ? e.ReceivedAt.Ticks : e.SequenceNumber).Select(ToEvent)];
    }

    public async Task<ConferencePage> ListAsync(ConferenceQuery query, CancellationToken cancellationToken = default)
    {
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var since = query.Since?.UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rooms = db.Conferences.AsNoTracking();
        rooms = query.Status == ConferenceStatus.Ended
            ? rooms.Where(c => c.EndedAt != null && (since == null || c.EndedAt >= since))
                .OrderByDescending(c => c.EndedAt).ThenBy(c => c.ConferenceSid)
            : rooms.Where(c => c.EndedAt == null && (since == null || c.FirstEventAt >= since))
                .OrderByDescending(c => c.FirstEventAt).ThenBy(c => c.ConferenceSid);
        var total = await rooms.CountAsync(cancellationToken);
        var sids = await rooms.Skip((page - 1) * pageSize).Take(pageSize).Select(c => c.ConferenceSid).ToListAsync(cancellationToken);
        var items = sids.Count == 0 ? [] : await ProjectAsync(db, sids, cancellationToken);
        return new ConferencePage(items, page, pageSize, total);
    }

    public async Task<IReadOnlyList<StoredCallStatus>> GetCallStatusesAsync(string callSid, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.CallStatusEvents.AsNoTracking().Where(c => c.CallSid == callSid)
            .OrderBy(c => c.SequenceNumber).ThenBy(c => c.ReceivedAt).ToListAsync(cancellationToken);
        return [.. rows.Select(ToCallStatus)];
    }

    public async Task<StoredConferenceEvent?> GetConferenceEventAsync(string conferenceSid, long sequenceNumber, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ConferenceEvents.AsNoTracking()
            .FirstOrDefaultAsync(e => e.ConferenceSid == conferenceSid && e.SequenceNumber == sequenceNumber, cancellationToken);
        return row is null ? null : ToEvent(row);
    }

    public async Task<StoredCallStatus?> GetCallStatusAsync(string callSid, string callStatus, long sequenceNumber, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.CallStatusEvents.AsNoTracking()
            .FirstOrDefaultAsync(c => c.CallSid == callSid && c.CallStatus == callStatus && c.SequenceNumber == sequenceNumber, cancellationToken);
        return row is null ? null : ToCallStatus(row);
    }

    private static StoredCallStatus ToCallStatus(CallStatusRow c) => new(c.CallSid, c.CallStatus, c.SequenceNumber, c.ParentCallSid, c.Direction,
        c.FromNumber, c.ToNumber, Utc(c.OccurredAt), Utc(c.ReceivedAt), TwilioValues.ReadRawJson(c.Payload));

    private static async Task<string?> FindAsync(ContactCenterDbContext db, string roomOrSid, CancellationToken cancellationToken)
    {
        var rooms = db.Conferences.AsNoTracking();
        rooms = Sids.IsConferenceSid(roomOrSid)
            ? rooms.Where(c => c.ConferenceSid == roomOrSid)
            : rooms.Where(c => c.FriendlyName == roomOrSid).OrderByDescending(c => c.FirstEventAt);
        return await rooms.Select(c => c.ConferenceSid).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The rooms, in the order of <paramref name="sids"/>, each with its recordings.</summary>
    private static async Task<List<ConferenceRoom>> ProjectAsync(ContactCenterDbContext db, List<string> sids, CancellationToken cancellationToken)
    {
        var events = (await db.ConferenceEvents.AsNoTracking().Where(e => sids.Contains(e.ConferenceSid)).ToListAsync(cancellationToken))
            .Select(ToEvent).ToLookup(e => e.ConferenceSid);
        var rooms = sids.Select(sid => RoomProjection.Apply(sid, events[sid])).ToList();
        var callSids = rooms.SelectMany(r => r.Participants).Select(p => p.CallSid).Distinct().ToList();
        var recordings = await db.Recordings.AsNoTracking()
            .Where(r => (r.ConferenceSid != null && sids.Contains(r.ConferenceSid)) || (r.CallSid != null && callSids.Contains(r.CallSid)))
            .ToListAsync(cancellationToken);
        return [.. rooms.Select(room => room with { Recordings = RecordingsOf(room, recordings) })];
    }

    private static List<RoomRecording> RecordingsOf(ConferenceRoom room, List<RecordingRow> rows)
    {
        var legs = room.Participants.Select(p => p.CallSid).ToHashSet(StringComparer.Ordinal);
        return [.. rows
            .Where(r => r.ConferenceSid == room.ConferenceSid || (r.ConferenceSid is null && r.CallSid is not null && legs.Contains(r.CallSid)))
            .GroupBy(r => r.RecordingSid)
            .Select(g => g.OrderByDescending(r => StatusRank(r.RecordingStatus)).ThenByDescending(r => r.RecordingStatus, StringComparer.Ordinal).First())
            .OrderBy(r => r.RecordingSid, StringComparer.Ordinal)
            .Select(r => new RoomRecording(r.RecordingSid, r.RecordingStatus, r.RecordingUrl, r.DurationSeconds, r.Channels, r.ConferenceSid, r.CallSid))];
    }

    // A recording moves in-progress -> completed | absent | failed; the furthest status known wins, whatever the arrival order.
    private static int StatusRank(string status) => status switch
    {
        "in-progress" => 1,
        "completed" or "absent" or "failed" => 2,
        _ => 0,
    };

    private static StoredConferenceEvent ToEvent(ConferenceEventRow row) => new(
        row.ConferenceSid, row.SequenceNumber, row.EventType, row.CallSid, Utc(row.OccurredAt), Utc(row.ReceivedAt), TwilioValues.ReadRawJson(row.Payload));

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
