using System.Net;
using System.Net.Http.Json;
using ContactCenter.Api.Twilio.Rest;
using ContactCenter.Tests.Control;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Routing;

/// <summary>The routed agent's join and the room's end move the agent in the callback's own commit, with no reaction row.</summary>
public sealed class RoomCommitTests
{
    private const string Support = "/conference-events?queue=support&priority=0";

    [Fact]
    public async Task The_agents_join_and_the_rooms_end_are_settled_when_their_callbacks_are_answered_and_a_late_copy_changes_nothing()
    {
        using var database = TestDatabase.CreatePostgres();
        var twilio = new RecordingTwilio();
        await using var service = new ContactCenterFactory().On(database)
            .With([.. ControlHarness.Settings, ("Reactions:PollInterval", "00:10:00"),
                ("Queues:0:Id", "support"), ("Queues:0:Numbers:0", "+18005550100"), ("Queues:0:Agents:0", "alice"), ("Queues:0:WrapUpSeconds", "0")])
            .WithServices(s => s.AddSingleton<ITwilioRestClient>(twilio));
        var callbacks = service.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await service.CreateAdminClient().PutAsJsonAsync("/admin/agents/alice/presence", new { presence = "available" })).StatusCode);
        var (first, second) = (new CallScenario(750), new CallScenario(751));
        await PostAsync(callbacks, TwilioForms.ParticipantEvent(first.ConferenceSid, first.Room, 1, "participant-join", CallScenario.At(1), first.CustomerCall, "customer"));
        await PostAsync(callbacks, TwilioForms.ParticipantEvent(second.ConferenceSid, second.Room, 1, "participant-join", CallScenario.At(2), second.CustomerCall, "customer"));
        var dial = await RoutingHarness.WhenAsync(() => Task.FromResult(twilio.Dials.ToList()), d => d.Count == 1, "alice is dialed for the first caller");
        await RoutingHarness.WhenAsync(() => Task.FromResult(database.Scalar($"SELECT COUNT(*) FROM queue_entries WHERE offered_call_sid = '{dial[0].CallSid}'")),
            n => n == 1, "the leg is stored");

        var agentJoin = TwilioForms.ParticipantEvent(first.ConferenceSid, first.Room, 2, "participant-join", CallScenario.At(3), dial[0].CallSid, "agent");
        await PostAsync(callbacks, agentJoin);
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM agent_states WHERE agent_id = 'alice' AND presence = 'on-call'"));
        Assert.Equal(1, database.Scalar($"SELECT COUNT(*) FROM queue_entries WHERE caller_call_sid = '{first.CustomerCall}' AND state = 'connected'"));

        await PostAsync(callbacks, TwilioForms.ConferenceEvent(first.ConferenceSid, first.Room, 3, "conference-end", CallScenario.At(4)));
        Assert.Equal(1, database.Scalar($"SELECT COUNT(*) FROM queue_entries WHERE caller_call_sid = '{first.CustomerCall}' AND state = 'ended'"));
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM agent_states WHERE agent_id = 'alice' AND presence IN ('available', 'ringing') AND last_call_ended_at IS NOT NULL"));
        var next = await RoutingHarness.WhenAsync(() => Task.FromResult(twilio.Dials.ToList()), d => d.Count == 2, "alice is dialed for the second caller");
        Assert.Equal(second.ConferenceSid, next[1].ConferenceSid);

        await PostAsync(callbacks, agentJoin); // a late copy of the first room's agent join
        Assert.Equal(1, database.Scalar($"SELECT COUNT(*) FROM agent_states WHERE agent_id = 'alice' AND presence = 'ringing' AND current_caller_call_sid = '{second.CustomerCall}'"));
        Assert.Equal(1, database.Scalar($"SELECT COUNT(*) FROM queue_entries WHERE caller_call_sid = '{first.CustomerCall}' AND state = 'ended'"));
        Assert.Equal(0, database.Scalar($"SELECT COUNT(*) FROM reactions WHERE reaction = 'routing' AND source_sid = '{first.ConferenceSid}'"));
    }

    private static async Task PostAsync(HttpClient client, Dictionary<string, string> form)
    {
        var response = await client.SendAsync(TwilioSigner.SignedPost("http://localhost" + Support, form, signedUrl: ControlHarness.PublicBase + Support));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{Support} answered {(int)response.StatusCode}");
    }
}
