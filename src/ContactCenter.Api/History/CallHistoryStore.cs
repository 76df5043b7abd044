using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.History;

/// <summary>One ended call as the history shows it: no phone numbers, only CallSids, queue and agent ids.</summary>
public sealed record HistoryCall(
    string Room, string CallerCallSid, string ConferenceSid, string Queue, string? Agent, DateTimeOffset Started, DateTimeOffset? Answered,
    DateTimeOffset Ended, double WaitedSeconds, double? TalkSeconds, string Outcome, string? EndReason, string? Note);

/// <summary>A page of history, newest first; <see cref="Next"/> is the <c>before</c> of the following page (null at the end).</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryCall> Calls, string? Next);

/// <summary>The search over ended calls.</summary>
public sealed record HistoryQuery(DateTime? From, DateTime? To, string? Queue, string? Agent, int Limit, DateTime? Before);

/// <summary>A call's note as stored.</summary>
public sealed record CallNote(string CallSid, string Note, string Author, DateTimeOffset UpdatedAt);

/// <summary>Ended calls (queue entries with an end) joined with their room's end reason and the wrap-up note.</summary>
public sealed class CallHistoryStore(IDbContextFactory<ContactCenterDbContext> contexts, StorageWriteGate gate, TimeProvider time)
{
    public async Task<HistoryPage> SearchAsync(HistoryQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.QueueEntries.AsNoTracking().Where(q => q.EndedAt != null);
        if (query.From is { } from)
        {
            entries = entries.Where(q => q.EnteredAt >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(q => q.EnteredAt < to);
        }

        if (query.Before is { } before)
        {
            entries = entries.Where(q => q.EnteredAt < before);
        }

        if (query.Queue is { Length: > 0 } queue)
        {
            entries = entries.Where(q => q.QueueId == queue);
        }

        if (query.Agent is { Length: > 0 } agent)
        {
            entries = entries.Where(q => q.OfferedAgentId == agent);
        }

        var rows = await entries.OrderByDescending(q => q.EnteredAt).Take(query.Limit + 1).ToListAsync(cancellationToken);
        var sids = rows.Select(r => r.CallerCallSid).ToList();
        var rooms = rows.Select(r => r.ConferenceSid).Distinct(StringComparer.Ordinal).ToList();
        var notes = await db.CallNotes.AsNoTracking().Where(n => sids.Contains(n.CallSid))
            .ToDictionaryAsync(n => n.CallSid, n => n.Note, StringComparer.Ordinal, cancellationToken);
        var reasons = await db.Conferences.AsNoTracking().Where(c => rooms.Contains(c.ConferenceSid))
            .ToDictionaryAsync(c => c.ConferenceSid, c => c.EndReason, StringComparer.Ordinal, cancellationToken);
        var page = rows.Take(query.Limit)
            .Select(r => View(r, notes.GetValueOrDefault(r.CallerCallSid), reasons.GetValueOrDefault(r.ConferenceSid))).ToList();
        var next = rows.Count > query.Limit ? page[^1].Started.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : null;
        return new HistoryPage(page, next);
    }

    /// <summary>Whether the service knows the call: a queue entry for it, or a room named after it.</summary>
    public async Task<bool> IsKnownAsync(string callSid, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var room = "room-" + callSid;
        return await db.QueueEntries.AnyAsync(q => q.CallerCallSid == callSid, cancellationToken)
            || await db.Conferences.AnyAsync(c => c.FriendlyName == room, cancellationToken);
    }

    public async Task<CallNote?> GetNoteAsync(string callSid, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.CallNotes.AsNoTracking().FirstOrDefaultAsync(n => n.CallSid == callSid, cancellationToken);
        return row is null ? null : new CallNote(row.CallSid, row.Note, row.Author, Utc(row.UpdatedAt));
    }

    public async Task<CallNote> SaveNoteAsync(string callSid, string note, string author, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await db.CallNotes.FirstOrDefaultAsync(n => n.CallSid == callSid, cancellationToken) is { } row)
            {
                row.Note = note;
                row.Author = author;
                row.UpdatedAt = now;
            }
            else
            {
                db.CallNotes.Add(new CallNoteRow { CallSid = callSid, Note = note, Author = author, UpdatedAt = now });
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return new CallNote(callSid, note, author, Utc(now));
    }

    private static HistoryCall View(QueueEntryRow q, string? note, string? endReason)
    {
        var ended = Utc(q.EndedAt!.Value);
        var started = Utc(q.EnteredAt);
        DateTimeOffset? answered = q.AnsweredAt is { } a ? Utc(a) : null;
        return new HistoryCall("room-" + q.CallerCallSid, q.CallerCallSid, q.ConferenceSid, q.QueueId, q.OfferedAgentId, started, answered, ended,
            Math.Max(0, ((answered ?? ended) - started).TotalSeconds), answered is { } at ? Math.Max(0, (ended - at).TotalSeconds) : null,
            q.State, endReason, note);
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
