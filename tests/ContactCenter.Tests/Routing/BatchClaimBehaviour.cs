using ContactCenter.Api.Routing;
using ContactCenter.Api.Storage;
using ContactCenter.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Routing;

/// <summary>
/// <see cref="QueueStore.TryClaimAllAsync"/>: many caller/agent pairs in one transaction, all or none, each conditional on
/// the version read. Two dispatchers (two instances) claiming overlapping pairs at once never pair one caller or agent twice.
/// </summary>
public abstract class BatchClaimBehaviour(StorageEngine engine)
{
    private const int Pairs = 12;

    [Fact]
    public async Task Two_batches_racing_for_the_same_callers_and_agents_never_pair_one_twice_and_each_is_all_or_nothing()
    {
        await using var service = new ContactCenterFactory { Engine = engine };
        _ = service.CreateClient();
        var queue = service.Services.GetRequiredService<QueueStore>();
        var won = 0;
        for (var round = 0; round < 8; round++)
        {
            var (entries, agents) = await AddAsync(service, $"r{round}");

            // The same callers, each paired with a different agent, the second batch in the reverse order.
            var first = entries.Select((e, i) => (e, agents[i])).ToList();
            var second = entries.Select((e, i) => (e, agents[(i + 1) % Pairs])).Reverse().ToList();
            var results = await Task.WhenAll(Task.Run(() => queue.TryClaimAllAsync(first, CancellationToken.None)),
                Task.Run(() => queue.TryClaimAllAsync(second, CancellationToken.None)));

            Assert.False(results[0] && results[1], "both batches claimed the same callers");
            var offered = await OfferedAsync(service, $"r{round}");
            var winner = results[0] ? first : results[1] ? second : null;
            if (winner is null)
            {
                Assert.Empty(offered); // all or nothing: a lost batch leaves no caller offering and no agent ringing
                Assert.Equal(0, service.Database.Scalar($"SELECT COUNT(*) FROM agent_states WHERE agent_id LIKE 'r{round}-%' AND presence <> 'available'"));
                continue;
            }

            won++;
            Assert.Equal(winner.Select(p => (p.e.CallerCallSid, p.Item2.AgentId)).Order(), offered.Order());
            Assert.Equal(Pairs, service.Database.Scalar($"SELECT COUNT(DISTINCT current_caller_call_sid) FROM agent_states WHERE agent_id LIKE 'r{round}-%' AND presence = 'ringing'"));

            // A batch read before that claim is stale for every row: it claims nothing, not even its pairs that look free.
            Assert.False(await queue.TryClaimAllAsync(results[0] ? second : first, CancellationToken.None));
            Assert.Equal(offered.Order(), (await OfferedAsync(service, $"r{round}")).Order());
        }

        Assert.True(won > 0, "no batch ever won: the race was not exercised");
    }

    [Fact]
    public async Task Agents_freed_together_are_paired_highest_priority_then_earliest_caller_with_the_longest_idle_agent()
    {
        string[] agents = ["a0", "a1", "a2", "a3"];
        await using var service = new ContactCenterFactory { Engine = engine }.With(
        [
            .. Control.ControlHarness.Settings, ("Queues:0:Id", "support"), ("Queues:0:Numbers:0", "+18005550100"),
            .. agents.Select((id, i) => ($"Agents:{i + 2}:Id", (string?)id)), .. agents.Select((id, i) => ($"Agents:{i + 2}:Endpoint", (string?)$"client:{id}")),
            .. agents.Select((id, i) => ($"Queues:0:Agents:{i}", (string?)id)),
        ]).WithServices(s => s.AddSingleton<Api.Twilio.Rest.ITwilioRestClient>(new Control.RecordingTwilio()));
        _ = service.CreateClient();
        var contexts = service.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>();
        var now = DateTime.UtcNow;
        (string Sid, int Priority, int Second)[] callers = [("q-late-high", 5, 4), ("q-first-low", 0, 0), ("q-early-high", 5, 2), ("q-second-low", 0, 1), ("q-last-low", 0, 5)];
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.QueueEntries.AddRange(callers.Select(c => new QueueEntryRow
            {
                CallerCallSid = c.Sid, ConferenceSid = "CF" + c.Sid, QueueId = "support", Priority = c.Priority, EnteredAt = now.AddSeconds(c.Second - 60),
                State = EntryStates.Waiting,
            }));
            await db.SaveChangesAsync();

            // All four free at once, idle since a2 (longest), a0, a3, a1 (shortest).
            foreach (var (id, idle) in new[] { ("a2", 40), ("a0", 30), ("a3", 20), ("a1", 10) })
            {
                await db.AgentStates.Where(a => a.AgentId == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Presence, Presences.Available)
                    .SetProperty(a => a.Since, now.AddSeconds(-idle)));
            }
        }

        await service.Services.GetRequiredService<Dispatcher>().DispatchAsync(null, CancellationToken.None);

        var offered = await OfferedAsync(service, "q");
        Assert.Equal([("q-early-high", "a2"), ("q-late-high", "a0"), ("q-first-low", "a3"), ("q-second-low", "a1")],
            offered.OrderBy(o => Array.IndexOf(["a2", "a0", "a3", "a1"], o.Agent)));
        Assert.Equal(1, service.Database.Scalar("SELECT COUNT(*) FROM queue_entries WHERE state = 'waiting' AND caller_call_sid = 'q-last-low'"));
    }

    private static async Task<(List<QueueEntryRow> Entries, List<AgentStateRow> Agents)> AddAsync(ContactCenterFactory service, string prefix)
    {
        var contexts = service.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>();
        var now = DateTime.UtcNow;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            for (var i = 0; i < Pairs; i++)
            {
                db.QueueEntries.Add(new QueueEntryRow
                {
                    CallerCallSid = $"{prefix}-CA{i:D2}", ConferenceSid = $"{prefix}-CF{i:D2}", QueueId = "support", EnteredAt = now.AddSeconds(i),
                    State = EntryStates.Waiting,
                });
                db.AgentStates.Add(new AgentStateRow { AgentId = $"{prefix}-{i:D2}", Presence = Presences.Available, Since = now.AddSeconds(-i) });
            }

            await db.SaveChangesAsync();
        }

        await using var read = await contexts.CreateDbContextAsync();
        return (await read.QueueEntries.AsNoTracking().Where(e => e.CallerCallSid.StartsWith(prefix + "-")).OrderBy(e => e.CallerCallSid).ToListAsync(),
            await read.AgentStates.AsNoTracking().Where(a => a.AgentId.StartsWith(prefix + "-")).OrderBy(a => a.AgentId).ToListAsync());
    }

    private static async Task<List<(string Caller, string Agent)>> OfferedAsync(ContactCenterFactory service, string prefix)
    {
        await using var db = await service.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>().CreateDbContextAsync();
        var rows = await db.QueueEntries.AsNoTracking().Where(e => e.CallerCallSid.StartsWith(prefix + "-") && e.State == EntryStates.Offering).ToListAsync();
        return [.. rows.Select(e => (e.CallerCallSid, e.OfferedAgentId!))];
    }
}

public sealed class SqliteBatchClaimTests() : BatchClaimBehaviour(StorageEngine.Sqlite);

public sealed class PostgresBatchClaimTests() : BatchClaimBehaviour(StorageEngine.Postgres);
