using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ContactCenter.Api.Routing;
using ContactCenter.Api.Twilio.Rest;
using ContactCenter.Tests.Control;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Routing;

/// <summary>
/// Two instances on one PostgreSQL serve 50 callers with 10 agents arriving at both at once; every offered agent answers,
/// talks briefly and the room ends, so agents take call after call until every caller was answered.
/// </summary>
// Integration: PostgreSQL.
[Trait("Category", "Integration")]
public sealed partial class TwoInstanceRoutingRun
{
    private const int Agents = 10;
    private const int Callers = 50;
    private const string Events = "/conference-events?queue=support&priority=0";

    // One dispatch cycle is the 1 s sweep; the second is slack for a 2-core CI machine running two services and the test.
    private static readonly TimeSpan IdleBound = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_caller_is_answered_once_no_agent_has_two_calls_and_none_idles_while_a_caller_waits(bool restartOne)
    {
        using var database = TestDatabase.CreatePostgres();
        var twilio = new RecordingTwilio();

        // Every dialed leg is answered and joins: a room without one is a claim whose dial never left a stopping instance.
        twilio.ParticipantsOf = conference => [.. twilio.Dials.Where(d => d.ConferenceSid == conference)
            .Select(d => new TwilioParticipant(d.CallSid, conference, d.Request.Label, "connected", false, false, false, null, true, true))];
        (string, string?)[] settings =
        [
            .. ControlHarness.Settings, ("Reactions:PollInterval", "00:00:00.050"),

            // A stopped instance's leased reactions (and the later ones of their rooms) wait for the lease to run out.
            ("Reactions:LeaseDuration", "00:00:05"),
            ("Queues:0:Id", "support"), ("Queues:0:Numbers:0", "+18005550100"), ("Queues:0:MaxNoAnswer", "0"), ("Queues:0:RingTimeoutSeconds", "5"),
            ("Queues:0:WrapUpSeconds", "1"),
            .. Enumerable.Range(2, Agents - 2).Select(i => ($"Agents:{i}:Id", (string?)$"a{i}")),
            .. Enumerable.Range(2, Agents - 2).Select(i => ($"Agents:{i}:Endpoint", (string?)$"client:a{i}")),
            .. AgentIds().Select((id, i) => ($"Queues:0:Agents:{i}", (string?)id)),
        ];
        ContactCenterFactory Instance() => new ContactCenterFactory().On(database).With(settings).WithServices(s => s.AddSingleton<ITwilioRestClient>(twilio));
        var instances = new List<ContactCenterFactory> { Instance(), Instance() };
        try
        {
            var clients = await Task.WhenAll(Task.Run(instances[0].CreateClient), Task.Run(instances[1].CreateClient));
            var admin = instances[0].CreateAdminClient();
            var callers = Enumerable.Range(900, Callers).Select(n => new CallScenario(n)).ToList();
            var ends = new ConcurrentDictionary<string, DateTime>();
            using var stop = new CancellationTokenSource();
            var phones = AnswerEveryDialAsync(twilio, callers, () => clients, ends, stop.Token);
            var idle = WatchIdleAsync(admin, stop.Token);

            var arrivals = callers.Select((c, i) => (Func<Task>)(() => PostAsync(clients[i % 2], Events,
                    TwilioForms.ParticipantEvent(c.ConferenceSid, c.Room, 1, "participant-join", CallScenario.At(1), c.CustomerCall, "customer"))))
                .Concat(AgentIds().Select((id, i) => (Func<Task>)(async () =>
                {
                    var response = await instances[i % 2].CreateAdminClient().PutAsJsonAsync($"/admin/agents/{id}/presence", new { presence = "available" });
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                })))
                .Shuffled(seed: 12).ToList();
            var half = arrivals.Count / 2;
            await Parallel.ForEachAsync(arrivals.Take(half), new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (arrive, _) => await arrive());
            if (restartOne)
            {
                // The second instance stops mid-run, its callbacks going to the first meanwhile; a new one starts on the same database.
                clients[1] = clients[0];
                await instances[1].DisposeAsync();
                instances[1] = Instance();
                clients[1] = instances[1].CreateClient();
            }

            await Parallel.ForEachAsync(arrivals.Skip(half), new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (arrive, _) => await arrive());

            await RoutingHarness.WhenAsync(() => Task.FromResult(database.Scalar("SELECT COUNT(*) FROM queue_entries WHERE state = 'ended'")),
                n => n == Callers, "every caller answered and done", TimeSpan.FromSeconds(90));
            await stop.CancelAsync();
            await phones;
            var longestIdle = await idle;

            var dials = twilio.Dials.Select(d => (Agent: d.Request.To, Caller: OfferOf(d.Request.StatusCallback), d.At)).ToList();
            Assert.Equal(callers.Select(c => c.CustomerCall).Order(), dials.Select(d => d.Caller).Order());
            foreach (var agent in dials.GroupBy(d => d.Agent))
            {
                var calls = agent.OrderBy(d => d.At).ToList();
                for (var i = 1; i < calls.Count; i++)
                {
                    Assert.True(calls[i].At >= ends[calls[i - 1].Caller], $"{agent.Key} was dialed for {calls[i].Caller} before its call with {calls[i - 1].Caller} ended");
                }
            }

            Assert.Equal(Agents, dials.Select(d => d.Agent).Distinct().Count());
            Assert.True(longestIdle < IdleBound, $"an agent stayed available for {longestIdle} while a caller waited");
            await RoutingHarness.WhenAsync(() => Task.FromResult(database.Scalar("SELECT COUNT(*) FROM agent_states WHERE presence = 'available' AND current_caller_call_sid IS NULL")),
                n => n == Agents, "every agent available once wrapped up");
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    /// <summary>Each dialed agent answers at once, talks 300 ms, and the room ends; callbacks go to either instance.</summary>
    private static async Task AnswerEveryDialAsync(
        RecordingTwilio twilio, List<CallScenario> callers, Func<HttpClient[]> clients, ConcurrentDictionary<string, DateTime> ends, CancellationToken stop)
    {
        var seen = 0;
        var calls = new List<Task>();
        var random = new Random(7);
        while (!stop.IsCancellationRequested)
        {
            foreach (var dial in twilio.Dials.Skip(seen).ToList())
            {
                seen++;
                var caller = callers.Single(c => c.CustomerCall == OfferOf(dial.Request.StatusCallback));
                var (join, end) = (random.Next(2), random.Next(2));
                calls.Add(Task.Run(async () =>
                {
                    await DeliverAsync(clients, join,
                        TwilioForms.ParticipantEvent(caller.ConferenceSid, caller.Room, 2, "participant-join", CallScenario.At(2), dial.CallSid, "agent"));
                    await Task.Delay(300);
                    ends[caller.CustomerCall] = DateTime.UtcNow;
                    await DeliverAsync(clients, end, TwilioForms.ConferenceEvent(caller.ConferenceSid, caller.Room, 3, "conference-end", CallScenario.At(3)));
                }));
            }

            await Task.Delay(20, CancellationToken.None);
        }

        await Task.WhenAll(calls);
    }

    /// <summary>The longest stretch, sampled every 100 ms, in which a caller waited unoffered while an agent was available.</summary>
    private static async Task<TimeSpan> WatchIdleAsync(HttpClient admin, CancellationToken stop)
    {
        var longest = TimeSpan.Zero;
        DateTime? since = null;
        while (!stop.IsCancellationRequested)
        {
            var queue = await admin.GetFromJsonAsync<QueueView>("/admin/queues/support", ServiceClients.Json, CancellationToken.None);
            var agents = await admin.GetFromJsonAsync<List<AgentView>>("/admin/agents", ServiceClients.Json, CancellationToken.None);
            if (queue!.Waiting.Any(w => w.State == "waiting") && agents!.Any(a => a.Presence == Presences.Available))
            {
                since ??= DateTime.UtcNow;
                longest = DateTime.UtcNow - since.Value > longest ? DateTime.UtcNow - since.Value : longest;
            }
            else
            {
                since = null;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return longest;
    }

    /// <summary>A callback to a stopping instance goes to the other, as a load balancer retries a refused connection.</summary>
    private static async Task DeliverAsync(Func<HttpClient[]> clients, int instance, Dictionary<string, string> form)
    {
        try
        {
            await PostAsync(clients()[instance], Events, form);
        }
        catch (Exception error) when (error is HttpRequestException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            await PostAsync(clients()[0], Events, form);
        }
    }

    private static IEnumerable<string> AgentIds() => ["alice", "bob", .. Enumerable.Range(2, Agents - 2).Select(i => $"a{i}")];

    private static string OfferOf(string? statusCallback) => OfferField().Match(statusCallback ?? "").Groups[1].Value;

    private static async Task PostAsync(HttpClient client, string pathAndQuery, Dictionary<string, string> form)
    {
        var response = await client.SendAsync(TwilioSigner.SignedPost("http://localhost" + pathAndQuery, form, signedUrl: ControlHarness.PublicBase + pathAndQuery));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{pathAndQuery} answered {(int)response.StatusCode}");
    }

    [GeneratedRegex(@"[?&]offer=(CA[0-9a-f]{32})")]
    private static partial Regex OfferField();
}
