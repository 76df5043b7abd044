using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary>
/// A caller in line: CallSid, position, seconds waited, waiting or being offered, and the number they call from (null when not
/// known; as stored here, masked by the endpoints per <c>People.AgentViews.ShowNumbers</c>, e.g. <c>+*******1234</c>).
/// </summary>
public sealed record WaitingCaller(
    string CallSid, int Position, int Priority, string State, double WaitSeconds, string? OfferedAgent, string? OfferedCallSid, string? Caller = null);

/// <summary>Today (UTC): callers offered to the queue, answered, abandoned; average speed of answer; share answered within the service level.</summary>
public sealed record QueueToday(int Offered, int Answered, int Abandoned, double? AverageSpeedOfAnswerSeconds, double? ServiceLevel);

/// <summary>One queue now.</summary>
public sealed record QueueView(
    string Id, string? Name, string Strategy, IReadOnlyList<WaitingCaller> Waiting, double? LongestWaitSeconds,
    IReadOnlyDictionary<string, IReadOnlyList<string>> AgentsByPresence, QueueToday Today);

/// <summary>The queue views of GET /admin/queues, computed from <c>queue_entries</c> and <c>agent_states</c>.</summary>
public sealed class QueueStats(IDbContextFactory<ContactCenterDbContext> contexts, IOptions<RoutingOptions> options, TimeProvider time)
{
    public async Task<IReadOnlyList<QueueView>> ListAsync(CancellationToken cancellationToken)
    {
        var views = new List<QueueView>();
        foreach (var queue in options.Value.Queues)
        {
            views.Add(await GetAsync(queue, cancellationToken));
        }

        return views;
    }

    public async Task<QueueView> GetAsync(QueueOptions queue, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = now.Date;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = await db.QueueEntries.AsNoTracking()
            .Where(q => q.QueueId == queue.Id && (q.EnteredAt >= today || q.State == EntryStates.Waiting || q.State == EntryStates.Offering))
            .ToListAsync(cancellationToken);
        var waiting = entries.Where(e => e.State is EntryStates.Waiting or EntryStates.Offering)
            .OrderByDescending(e => e.Priority).ThenBy(e => e.EnteredAt).ThenBy(e => e.CallerCallSid, StringComparer.Ordinal)
            .Select((e, i) => new WaitingCaller(e.CallerCallSid, i + 1, e.Priority, e.State, Seconds(now - e.EnteredAt), e.OfferedAgentId, e.OfferedCallSid, e.CallerNumber))
            .ToList();
        var agents = await db.AgentStates.AsNoTracking().Where(a => queue.Agents.Contains(a.AgentId)).ToListAsync(cancellationToken);
        var byPresence = agents.GroupBy(a => a.Presence, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(a => a.AgentId).Order(StringComparer.Ordinal)], StringComparer.Ordinal);

        var todays = entries.Where(e => e.EnteredAt >= today).ToList();
        var answered = todays.Where(e => e.AnsweredAt is not null).ToList();
        var abandoned = todays.Count(e => e.State == EntryStates.Abandoned);
        double? asa = answered.Count == 0 ? null : Math.Round(answered.Average(e => Seconds(e.AnsweredAt!.Value - e.EnteredAt)), 1);
        var withinLevel = answered.Count(e => (e.AnsweredAt!.Value - e.EnteredAt).TotalSeconds <= queue.ServiceLevelSeconds);
        var settled = answered.Count + abandoned;
        double? level = settled == 0 ? null : Math.Round((double)withinLevel / settled, 3);
        return new QueueView(
            queue.Id!, queue.Name, queue.Strategy, waiting, waiting.Count == 0 ? null : waiting.Max(w => w.WaitSeconds), byPresence,
            new QueueToday(todays.Count, answered.Count, abandoned, asa, level));
    }

    private static double Seconds(TimeSpan span) => Math.Round(Math.Max(0, span.TotalSeconds), 1);
}
