using System.Diagnostics.Metrics;
using ContactCenter.Api.Routing;
using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Operations;

/// <summary>
/// Callers waiting per queue and agents per presence, read from storage at most once per <see cref="MaxAge"/>: a scrape
/// every few seconds (or several scrapers) costs one small grouped query, and a failed read keeps the last figures.
/// </summary>
public sealed partial class QueueGauges(
    IDbContextFactory<ContactCenterDbContext> contexts, IOptions<RoutingOptions> routing, TimeProvider time, ILogger<QueueGauges> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private Snapshot _snapshot = new([], [], DateTimeOffset.MinValue);

    public IEnumerable<Measurement<long>> Waiting() =>
        Current().Waiting.Select(w => new Measurement<long>(w.Value, new KeyValuePair<string, object?>("queue", w.Key)));

    public IEnumerable<Measurement<long>> Agents() =>
        Current().Agents.Select(a => new Measurement<long>(a.Value, new KeyValuePair<string, object?>("presence", a.Key)));

    private Snapshot Current()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now - _snapshot.ReadAt < MaxAge)
            {
                return _snapshot;
            }

            try
            {
                // Observable instruments are read synchronously by the exporter: a short synchronous query, no sync-over-async.
                using var db = contexts.CreateDbContext();
                var waiting = db.QueueEntries.AsNoTracking().Where(q => q.State == EntryStates.Waiting || q.State == EntryStates.Offering)
                    .GroupBy(q => q.QueueId).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionary(g => g.Key, g => g.Count);
                var agents = db.AgentStates.AsNoTracking().GroupBy(a => a.Presence)
                    .Select(g => new { g.Key, Count = g.LongCount() }).ToDictionary(g => g.Key, g => g.Count);
                foreach (var queue in routing.Value.Queues)
                {
                    waiting.TryAdd(queue.Id!, 0);
                }

                foreach (var presence in Presences.Settable.Concat(Presences.EngineOwned))
                {
                    agents.TryAdd(presence, 0);
                }

                _snapshot = new Snapshot(waiting, agents, now);
            }
            catch (Exception exception)
            {
                LogUnavailable(logger, exception);
                _snapshot = _snapshot with { ReadAt = now };
            }

            return _snapshot;
        }
    }

    private sealed record Snapshot(Dictionary<string, long> Waiting, Dictionary<string, long> Agents, DateTimeOffset ReadAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue and agent gauges could not be read; the last figures stand")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
