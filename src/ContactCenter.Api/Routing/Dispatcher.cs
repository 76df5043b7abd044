using ContactCenter.Api.Control;
using ContactCenter.Api.Storage;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary>
/// One engine for every trigger (a caller joins, an agent becomes available, a miss, a wrap-up ends, the sweep): claims
/// the head waiting caller of each queue together with the agent its strategy picks, then dials that agent. A claim
/// always comes before the dial, so a caller is offered to one agent at a time and an agent rings for one caller.
/// </summary>
public sealed partial class Dispatcher(
    QueueStore queue, QueueTransitions transitions, AgentDialer dialer, IOptions<RoutingOptions> options, TimeProvider time,
    ILogger<Dispatcher> logger)
{
    private const int MaxClaimsPerRun = 200;

    /// <summary>Offers callers to agents until no waiting caller has an available agent; <paramref name="beforeDial"/> runs before each dial.</summary>
    public async Task DispatchAsync(Func<CancellationToken, Task>? beforeDial, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        for (var run = 0; run < MaxClaimsPerRun; run++)
        {
            var claim = await ClaimNextAsync(cancellationToken);
            if (claim is null)
            {
                return;
            }

            if (beforeDial is not null)
            {
                await beforeDial(cancellationToken);
            }

            var (entry, agentId, settings) = claim.Value;
            var outcome = await dialer.DialAsync(entry, agentId, settings, cancellationToken);
            if (outcome == DialOutcome.Refused)
            {
                await transitions.ReturnOfferAsync(entry.CallerCallSid, null, miss: true, settings.MaxNoAnswer, cancellationToken);
            }
            else if (outcome == DialOutcome.NotAsked)
            {
                await transitions.ReturnOfferAsync(entry.CallerCallSid, null, miss: false, 0, cancellationToken);
                return; // Twilio is unavailable: the sweep tries again
            }
            else if (outcome == DialOutcome.RoomGone)
            {
                await transitions.AbandonAsync(entry.CallerCallSid, cancellationToken);
            }
        }
    }

    private async Task<(QueueEntryRow Entry, string AgentId, QueueOptions Queue)?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var waiting = await queue.WaitingAsync(500, cancellationToken);
            if (waiting.Count == 0)
            {
                return null;
            }

            var available = await queue.AvailableAgentsAsync(cancellationToken);
            if (available.Count == 0)
            {
                return null;
            }

            Dictionary<string, int>? counts = null;
            var pair = default((QueueEntryRow, AgentStateRow, QueueOptions)?);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in waiting)
            {
                if (!seen.Add(entry.QueueId) || options.Value.Find(entry.QueueId) is not { } settings)
                {
                    continue; // only the head of each queue may be served
                }

                var eligible = available.Where(a => settings.Agents.Contains(a.AgentId, StringComparer.Ordinal)).ToList();
                if (eligible.Count == 0)
                {
                    continue;
                }

                if (settings.Strategy == RoutingStrategies.FewestCalls)
                {
                    counts ??= await queue.AnsweredCountsAsync(time.GetUtcNow().UtcDateTime.Date, cancellationToken);
                }

                pair = (entry, Strategies.Pick(settings.Strategy, eligible, counts), settings);
                break;
            }

            if (pair is not { } chosen)
            {
                return null;
            }

            if (await queue.TryClaimAsync(chosen.Item1, chosen.Item2, cancellationToken))
            {
                LogClaimed(logger, chosen.Item1.CallerCallSid, chosen.Item1.QueueId, chosen.Item2.AgentId);
                return (chosen.Item1, chosen.Item2.AgentId, chosen.Item3);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offering caller {CallSid} of queue {QueueId} to agent {AgentId}")]
    private static partial void LogClaimed(ILogger logger, string callSid, string queueId, string agentId);
}

/// <summary>How the queue's strategy picks among available agents.</summary>
public static class Strategies
{
    public static AgentStateRow Pick(string strategy, IReadOnlyList<AgentStateRow> eligible, IReadOnlyDictionary<string, int>? answeredToday) =>
        strategy switch
        {
            RoutingStrategies.RoundRobin => eligible.OrderBy(a => a.LastOfferedAt ?? DateTime.MinValue).ThenBy(a => a.AgentId, StringComparer.Ordinal).First(),
            RoutingStrategies.FewestCalls => eligible.OrderBy(a => answeredToday?.GetValueOrDefault(a.AgentId) ?? 0).ThenBy(a => a.Since)
                .ThenBy(a => a.AgentId, StringComparer.Ordinal).First(),
            _ => eligible.OrderBy(a => a.Since).ThenBy(a => a.AgentId, StringComparer.Ordinal).First(),
        };
}
