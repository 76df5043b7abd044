using System.Runtime.CompilerServices;
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
    private const int MaxDialsAtOnce = 16;

    // Claims on one instance are made one batch at a time: parallel reactions racing for the same head caller and the same
    // longest-idle agent would mostly lose their conditional updates and re-read everything. Dials run outside it.
    private readonly SemaphoreSlim _claiming = new(1, 1);
    private readonly ConditionalWeakTable<QueueOptions, HashSet<string>> _members = new();

    // Each call takes a ticket after its trigger's write committed. A batch whose read began once ticket N was taken, and
    // that ended with nothing left to pair, has served every trigger up to N: those calls need not read again.
    private long _tickets;
    private long _served;

    /// <summary>Offers callers to agents until no waiting caller has an available agent; <paramref name="beforeDial"/> runs before the first dial.</summary>
    public async Task DispatchAsync(Func<CancellationToken, Task>? beforeDial, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var activity = Operations.ContactCenterTracing.Source.StartActivity("dispatch");
        var ticket = Interlocked.Increment(ref _tickets);
        for (var claimed = 0; claimed < MaxClaimsPerRun;)
        {
            List<Claim> claims;
            await _claiming.WaitAsync(cancellationToken);
            try
            {
                claims = Volatile.Read(ref _served) >= ticket ? [] : await ClaimBatchAsync(MaxClaimsPerRun - claimed, cancellationToken);
            }
            finally
            {
                _claiming.Release();
            }

            if (claims.Count == 0)
            {
                return;
            }

            if (beforeDial is not null && claimed == 0)
            {
                await beforeDial(cancellationToken);
            }

            claimed += claims.Count;
            var (unavailable, returned) = (false, false);
            await Parallel.ForEachAsync(claims, new ParallelOptions { MaxDegreeOfParallelism = MaxDialsAtOnce, CancellationToken = cancellationToken },
                async (claim, token) =>
                {
                    // Each flag is only ever set to true, never read-modify-written, so parallel dials lose no outcome.
                    switch (await DialAsync(claim, token))
                    {
                        case DialOutcome.NotAsked:
                            unavailable = true;
                            break;
                        case DialOutcome.Refused or DialOutcome.RoomGone:
                            returned = true;
                            break;
                    }
                });
            if (unavailable)
            {
                return; // Twilio is unavailable: the sweep tries again
            }

            if (returned)
            {
                ticket = Interlocked.Increment(ref _tickets); // a caller is back in line or an agent free again: read anew
            }
        }
    }

    private async Task<DialOutcome> DialAsync(Claim claim, CancellationToken cancellationToken)
    {
        var (entry, agentId, settings) = claim;
        var outcome = await dialer.DialAsync(entry, agentId, settings, cancellationToken);
        if (outcome == DialOutcome.Refused)
        {
            await transitions.ReturnOfferAsync(entry.CallerCallSid, null, miss: true, settings.MaxNoAnswer, cancellationToken);
        }
        else if (outcome == DialOutcome.NotAsked)
        {
            await transitions.ReturnOfferAsync(entry.CallerCallSid, null, miss: false, 0, cancellationToken);
        }
        else if (outcome == DialOutcome.RoomGone)
        {
            await transitions.AbandonAsync(entry.CallerCallSid, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> pairs from one read of the line and the available agents: each pair is what a
    /// fresh read would pick next (the head of the first queue, in line order, with an eligible agent, and its strategy's
    /// agent), as the claimed entry and agent are taken out of the lists. A lost claim means the rows changed: read again.
    /// </summary>
    private async Task<List<Claim>> ClaimBatchAsync(int limit, CancellationToken cancellationToken)
    {
        var claims = new List<Claim>();
        for (var attempt = 0; attempt < 20 && claims.Count < limit; attempt++)
        {
            // Agents before the line: a miss frees its agent and puts its caller back in one transaction, so every agent
            // read here was free before the line was read, and no caller put back since can be passed over for that agent.
            var readAfter = Volatile.Read(ref _tickets);
            var available = await queue.AvailableAgentsAsync(cancellationToken);
            var waiting = available.Count == 0 ? [] : await queue.WaitingAsync(500, cancellationToken);
            Dictionary<string, int>? counts = null;
            while (claims.Count < limit)
            {
                var chosen = Next(waiting, available);
                if (chosen is not { } pair)
                {
                    Volatile.Write(ref _served, Math.Max(Volatile.Read(ref _served), readAfter)); // only written while claiming
                    return claims;
                }

                if (pair.Settings.Strategy == RoutingStrategies.FewestCalls && counts is null)
                {
                    counts = await queue.AnsweredCountsAsync(time.GetUtcNow().UtcDateTime.Date, cancellationToken);
                }

                var agent = Strategies.Pick(pair.Settings.Strategy, pair.Eligible, counts);
                if (!await queue.TryClaimAsync(pair.Entry, agent, cancellationToken))
                {
                    break;
                }

                LogClaimed(logger, pair.Entry.CallerCallSid, pair.Entry.QueueId, agent.AgentId);
                claims.Add(new Claim(pair.Entry, agent.AgentId, pair.Settings));
                waiting.Remove(pair.Entry);
                available.Remove(agent);
            }
        }

        return claims;
    }

    /// <summary>The first queue head, in line order, whose queue has an available agent; only the head of each queue may be served.</summary>
    private (QueueEntryRow Entry, QueueOptions Settings, List<AgentStateRow> Eligible)? Next(List<QueueEntryRow> waiting, List<AgentStateRow> available)
    {
        if (available.Count == 0)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in waiting)
        {
            if (!seen.Add(entry.QueueId) || options.Value.Find(entry.QueueId) is not { } settings)
            {
                continue;
            }

            var members = _members.GetValue(settings, q => q.Agents.ToHashSet(StringComparer.Ordinal));
            var eligible = available.Where(a => members.Contains(a.AgentId)).ToList();
            if (eligible.Count > 0)
            {
                return (entry, settings, eligible);
            }
        }

        return null;
    }

    private readonly record struct Claim(QueueEntryRow Entry, string AgentId, QueueOptions Settings);

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
