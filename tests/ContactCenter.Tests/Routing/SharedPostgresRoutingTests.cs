using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ContactCenter.Api.Storage;
using ContactCenter.Api.Twilio.Rest;
using ContactCenter.Tests.Control;
using ContactCenter.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Routing;

/// <summary>Two instances route one queue on one PostgreSQL: callers and agents arrive at both at once.</summary>
// Integration: PostgreSQL.
[Trait("Category", "Integration")]
public sealed partial class SharedPostgresRoutingTests
{
    private const int Agents = 10;
    private const int Callers = 24;

    [Fact]
    public async Task Every_caller_is_offered_to_one_agent_at_a_time_and_no_agent_rings_for_two_callers()
    {
        using var database = TestDatabase.CreatePostgres();
        var twilio = new RecordingTwilio();
        (string, string?)[] settings =
        [
            .. ControlHarness.Settings, ("Reactions:PollInterval", "00:00:00.050"),
            ("Queues:0:Id", "support"), ("Queues:0:Numbers:0", "+18005550100"), ("Queues:0:MaxNoAnswer", "0"),
            .. Enumerable.Range(2, Agents - 2).Select(i => ($"Agents:{i}:Id", (string?)$"a{i}")),
            .. Enumerable.Range(2, Agents - 2).Select(i => ($"Agents:{i}:Endpoint", (string?)$"client:a{i}")),
            .. AgentIds().Select((id, i) => ($"Queues:0:Agents:{i}", (string?)id)),
        ];
        ContactCenterFactory Instance() => new ContactCenterFactory().On(database).With(settings)
            .WithServices(s => s.AddSingleton<ITwilioRestClient>(twilio));
        await using var first = Instance();
        await using var second = Instance();
        var callbacks = await Task.WhenAll(Task.Run(first.CreateClient), Task.Run(second.CreateClient));
        HttpClient[] admins = [first.CreateAdminClient(), second.CreateAdminClient()];
        var rooms = Enumerable.Range(800, Callers).Select(n => new CallScenario(n)).ToList();

        // Callers join and agents become available at both instances, all at once.
        var arrivals = rooms.Select((room, i) => (Func<Task>)(() => PostAsync(callbacks[i % 2], "/conference-events?queue=support&priority=0",
                TwilioForms.ParticipantEvent(room.ConferenceSid, room.Room, 1, "participant-join", CallScenario.At(1), room.CustomerCall, "customer"))))
            .Concat(AgentIds().Select((id, i) => (Func<Task>)(async () =>
                Assert.Equal(HttpStatusCode.OK, (await admins[i % 2].PutAsJsonAsync($"/admin/agents/{id}/presence", new { presence = "available" })).StatusCode))))
            .Shuffled(seed: 5);
        await Parallel.ForEachAsync(arrivals, new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (arrive, _) => await arrive());

        var firstRound = await OfferedWhenAsync(database, first, Agents);
        AssertOneOfferEach(twilio.Taken(), firstRound, Agents);

        // Every offered leg rings out, its callback delivered to both instances twice: each caller waits again in its place.
        var rungOut = firstRound.SelectMany(e => new[] { 0, 1, 0, 1 }.Select(i => (Client: callbacks[i], Entry: e))).Shuffled(seed: 6);
        await Parallel.ForEachAsync(rungOut, new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (item, _) =>
            await PostAsync(item.Client, $"/call-status?offer={item.Entry.CallerCallSid}", TwilioForms.CallStatus(item.Entry.OfferedCallSid!, "no-answer", 3, CallScenario.At(20))));

        var secondRound = await OfferedWhenAsync(database, first, Agents, except: [.. firstRound.Select(e => e.OfferedCallSid!)]);
        AssertOneOfferEach(twilio.Taken(), secondRound, Agents);
        Assert.Equal(firstRound.Select(e => e.CallerCallSid).Order(), secondRound.Select(e => e.CallerCallSid).Order());
        Assert.Equal(Callers - Agents, database.Scalar("SELECT COUNT(*) FROM queue_entries WHERE state = 'waiting'"));
        Assert.Equal(Agents, database.Scalar("SELECT COUNT(*) FROM agent_states WHERE presence = 'ringing' AND consecutive_misses = 1"));
    }

    private static IEnumerable<string> AgentIds() => ["alice", "bob", .. Enumerable.Range(2, Agents - 2).Select(i => $"a{i}")];

    private static void AssertOneOfferEach(List<string> sent, List<QueueEntryRow> offered, int agents)
    {
        var dials = sent.Select(s => DialLine().Match(s)).Where(m => m.Success).Select(m => (To: m.Groups[1].Value, Caller: m.Groups[2].Value)).ToList();
        Assert.Equal(agents, dials.Count);
        Assert.Equal(agents, dials.Select(d => d.To).Distinct().Count());
        Assert.Equal(agents, dials.Select(d => d.Caller).Distinct().Count());
        Assert.Equal(agents, offered.Select(e => e.OfferedAgentId).Distinct().Count());
        Assert.Equal(offered.Select(e => e.CallerCallSid).Order(), dials.Select(d => d.Caller).Order());
    }

    private static async Task<List<QueueEntryRow>> OfferedWhenAsync(TestDatabase database, ContactCenterFactory service, int count, string[]? except = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await database.WaitIdleAsync();
            await using var db = await service.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>().CreateDbContextAsync();
            var offered = await db.QueueEntries.AsNoTracking().Where(e => e.State == "offering" && e.OfferedCallSid != null).ToListAsync();
            if (offered.Count == count && (except is null || offered.All(e => !except.Contains(e.OfferedCallSid))))
            {
                await Task.Delay(1500); // two more sweeps on each instance: nothing more may be offered
                return offered;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{offered.Count} offered of {count}");
            await Task.Delay(100);
        }
    }

    private static async Task PostAsync(HttpClient client, string pathAndQuery, Dictionary<string, string> form)
    {
        var response = await client.SendAsync(TwilioSigner.SignedPost("http://localhost" + pathAndQuery, form, signedUrl: ControlHarness.PublicBase + pathAndQuery));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{pathAndQuery} answered {(int)response.StatusCode}");
    }

    [GeneratedRegex(@"^dial (\S+) label=agent .* callback=\S+/call-status\?offer=(CA[0-9a-f]{32}) ")]
    private static partial Regex DialLine();
}
