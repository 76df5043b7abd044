using System.Net;
using System.Net.Http.Json;
using ContactCenter.Api.Twilio.Rest;
using ContactCenter.Tests.Control;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Routing;

/// <summary>Routing's due times and waiting callers live in the database: a service that was down honours them when it starts.</summary>
// Integration: PostgreSQL.
[Trait("Category", "Integration")]
public sealed class RoutingRestartTests
{
    private const string Support = "/conference-events?queue=support&priority=0";
    private const string Sales = "/conference-events?queue=sales&priority=0";

    [Fact]
    public async Task A_wrap_up_end_and_a_max_wait_that_fell_due_while_down_and_a_caller_left_unrouted_are_honoured_at_start()
    {
        using var database = TestDatabase.CreatePostgres();
        var twilio = new RecordingTwilio();
        (string, string?)[] settings =
        [
            .. ControlHarness.Settings, ("Reactions:PollInterval", "00:00:00.050"),
            ("Queues:0:Id", "support"), ("Queues:0:Numbers:0", "+18005550100"), ("Queues:0:Agents:0", "alice"), ("Queues:0:WrapUpSeconds", "10"),
            ("Queues:1:Id", "sales"), ("Queues:1:Numbers:0", "+18005550111"), ("Queues:1:Agents:0", "bob"),
            ("Queues:1:MaxWaitSeconds", "8"), ("Queues:1:MaxWaitAction", "voicemail"),
        ];
        ContactCenterFactory Instance() => new ContactCenterFactory().On(database).With(settings).WithServices(s => s.AddSingleton<ITwilioRestClient>(twilio));
        var (served, waiting, unrouted) = (new CallScenario(700), new CallScenario(701), new CallScenario(702));

        await using (var before = Instance())
        {
            var callbacks = before.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await before.CreateAdminClient().PutAsJsonAsync("/admin/agents/alice/presence", new { presence = "available" })).StatusCode);
            await PostAsync(callbacks, Support, TwilioForms.ParticipantEvent(served.ConferenceSid, served.Room, 1, "participant-join", CallScenario.At(1), served.CustomerCall, "customer"));
            var dial = await RoutingHarness.WhenAsync(() => Task.FromResult(twilio.Dials.ToList()), d => d.Count == 1, "alice is dialed");
            await PostAsync(callbacks, Support, TwilioForms.ParticipantEvent(served.ConferenceSid, served.Room, 2, "participant-join", CallScenario.At(2), dial[0].CallSid, "agent"));
            await RoutingHarness.WhenAsync(() => Task.FromResult(database.Scalar("SELECT COUNT(*) FROM agent_states WHERE agent_id = 'alice' AND presence = 'on-call'")), n => n == 1, "alice on-call");
            await PostAsync(callbacks, Support, TwilioForms.ConferenceEvent(served.ConferenceSid, served.Room, 3, "conference-end", CallScenario.At(3)));
            await PostAsync(callbacks, Sales, TwilioForms.ParticipantEvent(waiting.ConferenceSid, waiting.Room, 1, "participant-join", CallScenario.At(1), waiting.CustomerCall, "customer"));
            await RoutingHarness.WhenAsync(
                () => Task.FromResult(database.Scalar("SELECT COUNT(*) FROM agent_states WHERE agent_id = 'alice' AND presence = 'wrap-up'")
                    + database.Scalar($"SELECT COUNT(*) FROM queue_entries WHERE caller_call_sid = '{waiting.CustomerCall}' AND state = 'waiting'")),
                n => n == 2, "alice wraps up and the sales caller waits");
        }

        // Down: both due times pass, and a caller whose join was committed never saw its dispatch.
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM agent_states WHERE agent_id = 'alice' AND presence = 'wrap-up' AND wrap_up_until > now()"));
        Assert.Equal(1, database.Scalar($"SELECT COUNT(*) FROM queue_entries WHERE caller_call_sid = '{waiting.CustomerCall}' AND state = 'waiting' AND max_wait_due_at > now()"));
        database.Scalar($"""
            INSERT INTO queue_entries (caller_call_sid, conference_sid, queue_id, priority, entered_at, state, version)
            VALUES ('{unrouted.CustomerCall}', '{unrouted.ConferenceSid}', 'support', 0, now(), 'waiting', 0)
            """);
        await RoutingHarness.WhenAsync(() => Task.FromResult(database.Scalar("SELECT COUNT(*) FROM agent_states WHERE wrap_up_until < now()")
            + database.Scalar("SELECT COUNT(*) FROM queue_entries WHERE max_wait_due_at < now()")), n => n == 2, "both due times passed");
        twilio.Taken();

        await using var after = Instance();
        after.CreateClient();

        var redialed = await RoutingHarness.WhenAsync(() => Task.FromResult(twilio.Dials.Skip(1).ToList()), d => d.Count >= 1, "alice is dialed for the unrouted caller");
        Assert.Equal(ControlHarness.Alice, redialed[0].Request.To);
        Assert.Contains($"offer={unrouted.CustomerCall}", redialed[0].Request.StatusCallback, StringComparison.Ordinal);
        await RoutingHarness.WhenAsync(() => Task.FromResult(database.Scalar($"SELECT COUNT(*) FROM queue_entries WHERE caller_call_sid = '{waiting.CustomerCall}' AND state = 'voicemail'")),
            n => n == 1, "the sales caller is sent to voicemail");
        await Task.Delay(1500); // a sweep or two more: nothing is repeated
        Assert.Single(twilio.Dials.Skip(1));
        Assert.Single(twilio.Taken(), line => line.StartsWith("hangup", StringComparison.Ordinal)); // the fake records the voicemail redirect as an UpdateCall
    }

    private static async Task PostAsync(HttpClient client, string pathAndQuery, Dictionary<string, string> form)
    {
        var response = await client.SendAsync(TwilioSigner.SignedPost("http://localhost" + pathAndQuery, form, signedUrl: ControlHarness.PublicBase + pathAndQuery));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{pathAndQuery} answered {(int)response.StatusCode}");
    }
}
