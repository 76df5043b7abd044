using System.Net;
using System.Net.Http.Json;
using ContactCenter.Api.Routing;
using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ContactCenter.Tests.Control;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Routing;

/// <summary>The busy guard as a claim: an agent is ringing before they are dialed, so two requests never both dial them.</summary>
public sealed class AgentClaimTests
{
    private static readonly (string, string?)[] Queue =
    [
        ("Queues:0:Id", "support"), ("Queues:0:Numbers:0", "+18005550100"), ("Queues:0:Agents:0", "alice"), ("Queues:0:Agents:1", "bob"),
        ("Queues:0:WrapUpSeconds", "30"),
    ];

    [Fact]
    public async Task Two_concurrent_connect_agent_requests_for_one_agent_dial_them_exactly_once()
    {
        await using var cc = await new ControlHarness(251, settings: Queue).SeedAsync(withAgent: false);
        cc.Twilio.BeforeDialAnswer = _ => Task.Delay(300); // the first dial is still in flight when the second request is decided

        var answers = await Task.WhenAll(cc.PostAsync("/agents", new { agent = "alice" }), cc.PostAsync("/agents", new { agent = "alice" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        Assert.Single(cc.Twilio.Taken(), line => line.StartsWith($"dial {ControlHarness.Alice}", StringComparison.Ordinal));
        var alice = (await cc.Admin.GetFromJsonAsync<List<AgentView>>("/admin/agents", ServiceClients.Json))!.Single(a => a.Id == "alice");
        Assert.Equal("ringing", alice.Presence);
    }

    [Fact]
    public async Task A_dial_Twilio_refuses_gives_the_agent_back_the_presence_they_had()
    {
        await using var cc = await new ControlHarness(252, settings: Queue).SeedAsync(withAgent: false);
        cc.Twilio.FailOn = "dial";

        var refused = await cc.PostAsync("/agents", new { agent = "bob" });

        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        var bob = (await cc.Admin.GetFromJsonAsync<List<AgentView>>("/admin/agents", ServiceClients.Json))!.Single(a => a.Id == "bob");
        Assert.Equal(("offline", (string?)null), (bob.Presence, bob.Reason));
    }

    [Fact]
    public async Task An_agent_left_ringing_by_a_dial_of_unknown_outcome_gets_their_presence_back_from_the_sweep()
    {
        await using var live = RoutingHarness.Start(["alice"]);
        await live.SetPresenceAsync("alice", "away", "lunch");
        var contexts = live.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            // What a dial whose answer never came leaves behind: ringing for a room Twilio has no leg of hers in, long past the ring timeout.
            await db.AgentStates.Where(a => a.AgentId == "alice").ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Presence, "ringing").SetProperty(a => a.Reason, AgentClaims.DialedFrom + "away")
                .SetProperty(a => a.CurrentCallerCallSid, AgentClaims.Holder("CF0123456789abcdef0123456789abcdef", "agent"))
                .SetProperty(a => a.Since, DateTime.UtcNow.AddMinutes(-5)));
        }

        var released = await live.AgentWhenAsync("alice", "away");

        Assert.Equal(0, released.ConsecutiveMisses);
    }
}
