using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
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
    QueueStore queue, OfferDials dials, IOptions<RoutingOptions> options, TimeProvider time,
    ILogger<Dispatcher> logger)
{
    private const int MaxClaimsPerRun = 200;

    // Claims on one instance are made one batch at a time: parallel reactions racing for the same head caller and the same
    // longest-idle agent would mostly lose their conditional updates and re-read everything. Dials run outside it.
    private readonly SemaphoreSlim _claiming = new(1, 1);
    private readonly Channel<ActivityContext> _requests = Channel.CreateBounded<ActivityContext>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConditionalWeakTable<QueueOptions, HashSet<string>> _members = new();

    // Each call takes a ticket after its trigger's write committed. A batch whose read began once ticket N was taken, and
    // that ended with nothing left to pair, has served every trigger up to N: those calls need not read again.
    private long _tickets;
    private long _served;

    /// <summary>Asks <see cref="DispatchPump"/> for a dispatch as soon as the current one (if any) ends; never waits, never does I/O.</summary>
    public void Request() => _requests.Writer.TryWrite(Activity.Current?.Context ?? default);

    /// <summary>Pending requests, each carrying the trace of the first trigger that asked (the others fold into its run).</summary>
    internal ChannelReader<ActivityContext> Requests => _requests.Reader;

    /// <summary>Offers callers to agents until no waiting caller has an available agent; <paramref name="beforeDial"/> runs before the first dial.</summary>
    public Task DispatchAsync(Func<CancellationToken, Task>? beforeDial, CancellationToken cancellationToken) =>
        DispatchAsync(beforeDial, default, cancellationToken);

    /// <summary>As above, traced as part of <paramref name="requestedBy"/> (the webhook whose commit asked for it), when given.</summary>
    public async Task DispatchAsync(Func<CancellationToken, Task>? beforeDial, ActivityContext requestedBy, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var activity = Operations.ContactCenterTracing.Source.StartActivity("dispatch", ActivityKind.Internal, requestedBy);
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
            if (beforeDial is null)
            {
                // Nothing to record before dialing: the dials go on in the background and the next claims need not wait for them.
                foreach (var claim in claims)
                {
                    _ = dials.DialInBackgroundAsync(claim.Entry, claim.AgentId, claim.Settings, Request, cancellationToken);
                }

                continue;
            }

            var outcomes = await Task.WhenAll(claims.Select(claim => dials.DialAsync(claim.Entry, claim.AgentId, claim.Settings, cancellationToken)));
            if (outcomes.Contains(DialOutcome.NotAsked))
            {
                return; // Twilio is unavailable: the sweep tries again
            }

            if (outcomes.Any(o => o is DialOutcome.Refused or DialOutcome.RoomGone))
            {
                ticket = Interlocked.Increment(ref _tickets); // a caller is back in line or an agent free again: read anew
            }
        }

        Request(); // this run's limit was reached with pairs perhaps left: the pump goes on where it stopped
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> pairs from one read of the line and the available agents: each pair is what a
    /// fresh read would pick next (the head of the first queue, in line order, with an eligible agent, and its strategy's
    /// agent), as the paired entry and agent are taken out of the lists. All pairs are claimed in one transaction; when that
    /// fails (a row changed since the read), the pairs are claimed one at a time up to the first lost one, then read again.
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
            var (pairs, exhausted) = await PairAsync(waiting, available, limit - claims.Count, cancellationToken);
            if (pairs.Count > 0 && await queue.TryClaimAllAsync([.. pairs.Select(p => (p.Entry, p.Agent))], cancellationToken))
            {
                claims.AddRange(pairs.Select(Claimed));
            }
            else
            {
                foreach (var pair in pairs)
                {
                    if (!await queue.TryClaimAsync(pair.Entry, pair.Agent, cancellationToken))
                    {
                        exhausted = false;
                        break;
                    }

                    claims.Add(Claimed(pair));
                }
            }

            if (exhausted)
            {
                Volatile.Write(ref _served, Math.Max(Volatile.Read(ref _served), readAfter)); // only written while claiming
                return claims;
            }
        }

        return claims;
    }

    private Claim Claimed(Pair pair)
    {
        LogClaimed(logger, pair.Entry.CallerCallSid, pair.Entry.QueueId, pair.Agent.AgentId);
        return new Claim(pair.Entry, pair.Agent.AgentId, pair.Settings);
    }

    /// <summary>Up to <paramref name="limit"/> pairs in dispatch order; exhausted when no further pair was possible.</summary>
    private async Task<(List<Pair> Pairs, bool Exhausted)> PairAsync(
        List<QueueEntryRow> waiting, List<AgentStateRow> available, int limit, CancellationToken cancellationToken)
    {
        var pairs = new List<Pair>();
        Dictionary<string, int>? counts = null;
        while (pairs.Count < limit)
        {
            if (Next(waiting, available) is not { } next)
            {
                return (pairs, true);
            }

            if (next.Settings.Strategy == RoutingStrategies.FewestCalls && counts is null)
            {
                counts = await queue.AnsweredCountsAsync(time.GetUtcNow().UtcDateTime.Date, cancellationToken);
            }

            var agent = Strategies.Pick(next.Settings.Strategy, next.Eligible, counts);
            pairs.Add(new Pair(next.Entry, agent, next.Settings));
            waiting.Remove(next.Entry);
            available.Remove(agent);
        }

        return (pairs, false);
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

    private readonly record struct Pair(QueueEntryRow Entry, AgentStateRow Agent, QueueOptions Settings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offering caller {CallSid} of queue {QueueId} to agent {AgentId}")]
    private static partial void LogClaimed(ILogger logger, string callSid, string queueId, string agentId);
}
