using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Routing;

/// <summary><see cref="IQueuePositions"/> over <c>queue_entries</c>: the position among the queue's waiting entries and today's ASA.</summary>
public sealed class QueuePositions(IDbContextFactory<ContactCenterDbContext> contexts, TimeProvider time) : IQueuePositions
{
    public async Task<QueuePosition?> GetAsync(string callerCallSid, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entry = await db.QueueEntries.AsNoTracking().FirstOrDefaultAsync(q => q.CallerCallSid == callerCallSid, cancellationToken);
        if (entry is null || entry.State is not (EntryStates.Waiting or EntryStates.Offering))
        {
            return null;
        }

        var waiting = await db.QueueEntries.AsNoTracking()
            .Where(q => q.QueueId == entry.QueueId && (q.State == EntryStates.Waiting || q.State == EntryStates.Offering))
            .Select(q => new { q.CallerCallSid, q.Priority, q.EnteredAt }).ToListAsync(cancellationToken);
        var ahead = waiting.Count(q => q.Priority > entry.Priority
            || (q.Priority == entry.Priority && (q.EnteredAt < entry.EnteredAt
                || (q.EnteredAt == entry.EnteredAt && string.CompareOrdinal(q.CallerCallSid, entry.CallerCallSid) < 0))));
        var today = time.GetUtcNow().UtcDateTime.Date;
        var answered = await db.QueueEntries.AsNoTracking()
            .Where(q => q.QueueId == entry.QueueId && q.AnsweredAt != null && q.EnteredAt >= today)
            .Select(q => new { q.EnteredAt, q.AnsweredAt }).ToListAsync(cancellationToken);
        TimeSpan? asa = answered.Count == 0 ? null : TimeSpan.FromSeconds(answered.Average(a => (a.AnsweredAt!.Value - a.EnteredAt).TotalSeconds));
        return new QueuePosition(entry.QueueId, ahead + 1, waiting.Count, asa);
    }
}
