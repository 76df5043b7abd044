using System.Net;
using System.Net.Http.Json;
using System.Text;
using ContactCenter.Api.Routing;
using ContactCenter.Api.Storage;
using ContactCenter.Tests.Control;
using ContactCenter.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Routing;

/// <summary>The presence API's refusals and the routing settings' start-up validation.</summary>
public sealed class RoutingApiTests
{
    private static readonly (string, string?)[] Queue =
    [
        ("Queues:0:Id", "support"), ("Queues:0:Numbers:0", "+18005550100"), ("Queues:0:Agents:0", "alice"), ("Queues:0:Agents:1", "bob"),
        ("Queues:1:Id", "vip"), ("Queues:1:Numbers:0:Number", "+18005550199"), ("Queues:1:Numbers:0:Priority", "5"), ("Queues:1:Agents:0", "alice"),
    ];

    [Fact]
    public async Task Configured_agents_are_seeded_offline_and_listed()
    {
        await using var factory = new ContactCenterFactory().With([.. ControlHarness.Settings, .. Queue]);
        using var admin = factory.CreateAdminClient();

        var agents = await admin.GetFromJsonAsync<List<AgentView>>("/admin/agents", ServiceClients.Json);

        Assert.Equal(["alice", "bob"], agents!.Select(a => a.Id));
        Assert.All(agents!, a => Assert.Equal("offline", a.Presence));
        var queues = await admin.GetFromJsonAsync<List<QueueView>>("/admin/queues", ServiceClients.Json);
        Assert.Equal(["support", "vip"], queues!.Select(q => q.Id));
        Assert.Equal(["alice", "bob"], queues![0].AgentsByPresence["offline"]);
    }

    [Fact]
    public async Task A_presence_change_is_applied_and_audited_with_who_from_and_to()
    {
        await using var factory = new ContactCenterFactory().With([.. ControlHarness.Settings, .. Queue]);
        using var admin = factory.CreateAdminClient();

        var response = await admin.PutAsJsonAsync("/admin/agents/alice/presence", new { presence = "away", reason = "lunch" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alice = await response.Content.ReadFromJsonAsync<AgentView>(ServiceClients.Json);
        Assert.Equal(("away", "lunch"), (alice!.Presence, alice.Reason));
        var audit = await admin.GetStringAsync("/admin/audit");
        Assert.Contains("agent.presence", audit, StringComparison.Ordinal);
        Assert.Contains("offline -> away (lunch)", audit, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("carol", "{\"presence\":\"available\"}", HttpStatusCode.NotFound)]
    [InlineData("alice", "{\"presence\":\"on-call\"}", HttpStatusCode.Conflict)]
    [InlineData("alice", "{\"presence\":\"wrap-up\"}", HttpStatusCode.Conflict)]
    [InlineData("alice", "{\"presence\":\"sleeping\"}", HttpStatusCode.BadRequest)]
    [InlineData("alice", "{}", HttpStatusCode.BadRequest)]
    [InlineData("alice", "{\"presence\":", HttpStatusCode.BadRequest)]
    public async Task Bad_presence_requests_are_refused_with_a_problem(string agent, string body, HttpStatusCode expected)
    {
        await using var factory = new ContactCenterFactory().With([.. ControlHarness.Settings, .. Queue]);
        using var admin = factory.CreateAdminClient();

        var response = await admin.PutAsync($"/admin/agents/{agent}/presence", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("ringing")]
    [InlineData("on-call")]
    public async Task An_agent_routing_has_ringing_or_on_a_call_cannot_be_set_available_dialed_or_transferred_to_by_hand(string presence)
    {
        await using var factory = new ContactCenterFactory().With([.. ControlHarness.Settings, .. Queue]);
        using var admin = factory.CreateAdminClient();
        await admin.GetAsync("/admin/agents");
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>().CreateDbContextAsync())
        {
            await db.AgentStates.Where(a => a.AgentId == "alice").ExecuteUpdateAsync(s => s.SetProperty(a => a.Presence, presence));
        }

        var set = await admin.PutAsJsonAsync("/admin/agents/alice/presence", new { presence = "available" });
        var dial = await admin.PostAsJsonAsync("/admin/conferences/room-CA00000000000000000000000000000001/agents", new { agent = "alice" });
        var transfer = await admin.PostAsJsonAsync(
            "/admin/conferences/room-CA00000000000000000000000000000001/transfers", new { type = "warm", to = new { agent = "alice" } });
        var other = await admin.PostAsJsonAsync("/admin/conferences/room-CA00000000000000000000000000000001/agents", new { agent = "bob" });

        Assert.Equal(HttpStatusCode.Conflict, set.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, dial.StatusCode);
        Assert.Contains("Agent is busy", await dial.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, transfer.StatusCode);
        Assert.Contains("Agent is busy", await transfer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode); // bob is free: the unknown room answers, not the guard
    }

    [Theory]
    [InlineData("Queues:0:Agents:1", "carol", "Queues:0:Agents:1 names no configured agent")]
    [InlineData("Queues:1:Numbers:0:Number", "+18005550100", "Queues:1:Numbers:0 is already listed by Queues:0")]
    [InlineData("Queues:0:Numbers:0", "18005550100", "Queues:0:Numbers:0 must be an E.164 number")]
    [InlineData("Queues:0:Strategy", "random", "Queues:0:Strategy must be one of")]
    [InlineData("Queues:1:Id", "support", "the id 'support' is used more than once")]
    [InlineData("Queues:0:RingTimeoutSeconds", "soon", "Queues:0:RingTimeoutSeconds must be between")]
    [InlineData("Queues:0:MaxWaitAction", "hangup", "Queues:0:MaxWaitAction must be voicemail or overflow")]
    [InlineData("Queues:0:MaxWaitAction", "overflow", "Queues:0:OverflowNumber must be an E.164 number matching Transfers:AllowedNumberPatterns")]
    [InlineData("Routing:DefaultQueue", "sales", "Routing:DefaultQueue names no queue")]
    [InlineData("Routing:InitialPresence", "on-call", "Routing:InitialPresence must be one of")]
    [InlineData("Twilio:PublicBaseUrl", null, "Twilio:PublicBaseUrl is required when Queues is configured")]
    public async Task Malformed_routing_settings_stop_the_service_at_start_naming_the_key(string key, string? value, string expected)
    {
        await using var factory = new ContactCenterFactory().With([.. ControlHarness.Settings, .. Queue, (key, value)]);

        var failure = factory.StartupFailure();

        Assert.Contains(failure.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_overflow_number_on_the_allow_list_is_accepted()
    {
        await using var factory = new ContactCenterFactory().With(
            [.. ControlHarness.Settings, .. Queue, ("Queues:0:MaxWaitAction", "overflow"), ("Queues:0:OverflowNumber", "+14155550124")]);
        using var client = factory.CreateClient();
        Assert.True((await client.GetAsync("/healthz")).IsSuccessStatusCode);
    }
}
