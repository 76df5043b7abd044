using System.Net;
using System.Net.Http.Json;
using ContactCenter.Api.Console;
using ContactCenter.Api.Routing;
using ContactCenter.Tests.Browser;
using ContactCenter.Tests.EndToEnd;
using ContactCenter.Tests.Infrastructure;
using ContactCenter.Tests.People;
using ContactCenter.Tests.Routing;

namespace ContactCenter.Tests.Console;

/// <summary>A routed call end to end (Kestrel, the Twilio simulator): who is calling, on the agent's desk and the supervisor's queue view.</summary>
public sealed class CallerNumberDeskTests
{
    private const string Masked = "+*******1234";

    [Theory]
    [InlineData(false, false, Masked, Masked)]
    [InlineData(true, false, Masked, LiveContactCenter.CallerNumber)]
    [InlineData(true, true, LiveContactCenter.CallerNumber, LiveContactCenter.CallerNumber)]
    public async Task The_agent_sees_the_caller_masked_while_ringing_and_on_the_call_unless_shown_and_the_supervisor_sees_the_waiting_callers_number(
        bool showPhoneNumbers, bool showToAgents, string agentSees, string supervisorSees)
    {
        // alice's phone rings until the test answers it.
        await using var live = RoutingHarness.Start(["alice"],
        [
            .. ConsoleBrowser.Keys, ("Simulator:Phones:2:Endpoint", "client:alice"), ("Simulator:Phones:2:Behavior", "manual"),
            ("Queues:0:RingTimeoutSeconds", "60"),
            ("Admin:ShowPhoneNumbers", showPhoneNumbers ? "true" : "false"), ("Console:ShowNumbersToAgents", showToAgents ? "true" : "false"),
        ]);
        using var alice = await SignInAsync(live, "alice");
        using var sam = await SignInAsync(live, "sam");
        var (caller, _) = await live.PlaceCallAsync();

        var waiting = await RoutingHarness.WhenAsync(() => QueuesAsync(sam), q => q.Single().Waiting.Count == 1, "the caller waits in support");
        Assert.Equal((caller, supervisorSees), (waiting[0].Waiting[0].CallSid, waiting[0].Waiting[0].Caller));

        await live.SetPresenceAsync("alice", "available");
        var ringing = await RoutingHarness.WhenAsync(() => MyCallAsync(alice), v => v.State == MyCallEndpoints.Ringing, "alice's desk rings");
        Assert.Equal((caller, agentSees), (ringing.CallerCallSid, ringing.Caller));
        var ownQueue = (await QueuesAsync(alice)).Single().Waiting.Single();
        Assert.Equal((caller, agentSees), (ownQueue.CallSid, ownQueue.Caller));
        if (agentSees == Masked)
        {
            Assert.DoesNotContain("4155551234", await alice.GetStringAsync("/console/api/my-call"), StringComparison.Ordinal);
        }

        var offered = await RoutingHarness.WhenAsync(() => QueuesAsync(sam), q => q.Single().Waiting.Single().OfferedCallSid is not null, "alice's leg is dialed");
        await live.AnswerAsync(offered[0].Waiting[0].OfferedCallSid!);
        var onCall = await RoutingHarness.WhenAsync(() => MyCallAsync(alice), v => v.State == MyCallEndpoints.OnCall, "alice is on the call");
        Assert.Equal((caller, agentSees, "support"), (onCall.CallerCallSid, onCall.Caller, onCall.Queue));
    }

    [Fact]
    public async Task Another_agents_waiting_caller_shows_neither_call_sid_nor_number()
    {
        await using var live = RoutingHarness.Start(["alice", "bob"], [.. ConsoleBrowser.Keys, ("Admin:ShowPhoneNumbers", "true"), ("Console:ShowNumbersToAgents", "true")]);
        using var alice = await SignInAsync(live, "alice");
        await live.PlaceCallAsync();

        await RoutingHarness.WhenAsync(() => QueuesAsync(alice), q => q.Single().Waiting.Count == 1, "the caller waits in support");
        var seen = (await QueuesAsync(alice)).Single().Waiting.Single();
        Assert.Equal(("hidden", "hidden"), (seen.CallSid, seen.Caller));
    }

    [Fact]
    public async Task The_agent_a_warm_transfer_reaches_sees_the_caller_masked_too()
    {
        await using var live = RoutingHarness.Start(["alice", "bob"], ConsoleBrowser.Keys);
        using var bob = await SignInAsync(live, "bob");
        await live.SetPresenceAsync("alice", "available");
        var (caller, room) = await live.PlaceCallAsync();
        await live.AgentWhenAsync("alice", "on-call");
        await live.SetPresenceAsync("bob", "available");

        var transfer = await live.StartTransferAsync(room, "warm", new { agent = "bob" });
        await live.TransferWhenAsync(room, transfer.Id, "connected");
        var desk = await RoutingHarness.WhenAsync(() => MyCallAsync(bob), v => v.State == MyCallEndpoints.OnCall, "bob is on the transferred call");
        Assert.Equal((caller, Masked), (desk.CallerCallSid, desk.Caller));
    }

    private static async Task<HttpClient> SignInAsync(LiveContactCenter live, string person)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(live.BaseUrl),
        };
        var response = await browser.PostLoginAsync(person, ConsoleBrowser.KeyOf(person), await browser.LoginTokenAsync());
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{person}'s sign-in answered {(int)response.StatusCode}");
        return browser;
    }

    private static async Task<MyCallView> MyCallAsync(HttpClient person) =>
        (await person.GetFromJsonAsync<MyCallView>("/console/api/my-call", ServiceClients.Json))!;

    private static async Task<List<QueueView>> QueuesAsync(HttpClient person) =>
        (await person.GetFromJsonAsync<List<QueueView>>("/admin/queues", ServiceClients.Json))!;
}
