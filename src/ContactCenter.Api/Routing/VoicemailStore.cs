using ContactCenter.Api.Conferences;
using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Routing;

/// <summary>A voicemail as stored: no phone numbers, only the caller's CallSid.</summary>
public sealed class VoicemailRow
{
    public required string RecordingSid { get; init; }
    public required string CallSid { get; init; }
    public required string QueueId { get; init; }
    public string? RecordingUrl { get; init; }
    public int? DurationSeconds { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>A voicemail as the admin API lists it.</summary>
public sealed record Voicemail(string RecordingSid, string CallSid, string QueueId, string? RecordingUrl, int? DurationSeconds, DateTimeOffset CreatedAt);

public sealed record VoicemailPage(IReadOnlyList<Voicemail> Items, int Page, int PageSize, bool HasMore);

/// <summary>Voicemails, one per recording: a repeated completed callback stores nothing new.</summary>
public sealed class VoicemailStore(IDbContextFactory<ContactCenterDbContext> contexts, StorageWriteGate gate, TimeProvider time)
{
    public const int MaxPageSize = 200;

    /// <summary>
    /// A recording callback is a voicemail when its (signed) URL names the queue, <c>?voicemail=&lt;queue&gt;</c>, it
    /// belongs to a call and the recording is completed.
    /// </summary>
    public async Task AddIfVoicemailAsync(string? queueId, string status, RecordingStatusCallback callback, string? callSid, CancellationToken cancellationToken)
    {
        if (queueId is null || status != "completed" || callSid is null || !QueueWaitEndpoints.IsQueueId(queueId))
        {
            return;
        }

        await AddAsync(new VoicemailRow
        {
            RecordingSid = callback.RecordingSid!,
            CallSid = callSid,
            QueueId = queueId,
            RecordingUrl = string.IsNullOrWhiteSpace(callback.RecordingUrl) ? null : callback.RecordingUrl.Trim(),
            DurationSeconds = TwilioValues.ParseInt(callback.RecordingDuration),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        }, cancellationToken);
    }

    /// <summary>True when the voicemail is new, false for a repeat of one already stored.</summary>
    public async Task<bool> AddAsync(VoicemailRow row, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var createdAt = DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc);

            // ON CONFLICT: a duplicate callback is the normal case, answered without an exception on SQLite and PostgreSQL alike.
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO voicemails (recording_sid, call_sid, queue_id, recording_url, duration_seconds, created_at)
                VALUES ({row.RecordingSid}, {row.CallSid}, {row.QueueId}, {row.RecordingUrl}, {row.DurationSeconds}, {createdAt})
                ON CONFLICT (recording_sid) DO NOTHING
                """, cancellationToken);
            return inserted == 1;
        }
    }

    /// <summary>Newest first, optionally of one queue and since a time.</summary>
    public async Task<VoicemailPage> ListAsync(string? queueId, DateTimeOffset? since, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Voicemails.AsNoTracking();
        if (queueId is not null)
        {
            query = query.Where(v => v.QueueId == queueId);
        }

        if (since is { } from)
        {
            var cutoff = from.UtcDateTime;
            query = query.Where(v => v.CreatedAt >= cutoff);
        }

        var rows = await query.OrderByDescending(v => v.CreatedAt).ThenBy(v => v.RecordingSid)
            .Skip((page - 1) * pageSize).Take(pageSize + 1).ToListAsync(cancellationToken);
        var items = rows.Take(pageSize).Select(v => new Voicemail(v.RecordingSid, v.CallSid, v.QueueId, v.RecordingUrl, v.DurationSeconds,
            new DateTimeOffset(DateTime.SpecifyKind(v.CreatedAt, DateTimeKind.Utc)))).ToList();
        return new VoicemailPage(items, page, pageSize, rows.Count > pageSize);
    }
}
