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
public sealed class VoicemailStore(IDbContextFactory<ContactCenterDbContext> contexts)
{
    public const int MaxPageSize = 200;

    /// <summary>
    /// The voicemail insert to make in the recording callback's own commit, so the callback and its voicemail are stored
    /// together or not at all. A recording callback is a voicemail when its (signed) URL names the queue,
    /// <c>?voicemail=&lt;queue&gt;</c>, it belongs to a call and the recording is completed. The insert runs on every
    /// delivery, duplicates included: ON CONFLICT makes a repeat a no-op and lets a retry still add a voicemail that is missing.
    /// </summary>
    public static StorageWrite[] WritesFor(string? queueId, RecordingRow recording)
    {
        if (queueId is null || recording.RecordingStatus != "completed" || recording.CallSid is not { } callSid || !QueueWaitEndpoints.IsQueueId(queueId))
        {
            return [];
        }

        return
        [
            new("""
                INSERT INTO voicemails (recording_sid, call_sid, queue_id, recording_url, duration_seconds, created_at)
                VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
                ON CONFLICT (recording_sid) DO NOTHING
                """,
                [recording.RecordingSid, callSid, queueId, recording.RecordingUrl, recording.DurationSeconds, recording.ReceivedAt],
                "voicemail:" + recording.RecordingSid),
        ];
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
