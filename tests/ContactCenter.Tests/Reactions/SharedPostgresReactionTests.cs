using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ContactCenter.Api.Reactions;
using ContactCenter.Api.Twilio.Rest;
using ContactCenter.Tests.Control;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Reactions;

/// <summary>Two instances behind a load balancer drain one queue on one PostgreSQL.</summary>
// Integration: PostgreSQL.
[Trait("Category", "Integration")]
public sealed class SharedPostgresReactionTests
{
    [Fact]
    public async Task Two_instances_fed_every_callback_twice_never_run_one_reaction_twice()
    {
        using var database = TestDatabase.CreatePostgres();
        var twilio = new RecordingTwilio();
        var recorder = new RecordingObserver();
        ContactCenterFactory Instance() => new ContactCenterFactory().On(database)
            .With([.. ControlHarness.Settings, ("Reactions:PollInterval", "00:00:00.050")])
            .WithServices(s =>
            {
                s.AddSingleton<ITwilioRestClient>(twilio);
                s.AddSingleton<ICallbackReaction>(recorder);
            });
        await using var first = Instance();
        await using var second = Instance();
        var callbacks = await Task.WhenAll(Task.Run(first.CreateClient), Task.Run(second.CreateClient));
        var admin = first.CreateAdminClient();

        var rooms = Enumerable.Range(700, 6).Select(n => new CallScenario(n)).ToList();
        var targets = new List<string>();
        foreach (var room in rooms)
        {
            await PostAsync(callbacks[0], "/conference-events", Participant(room, 1, "participant-join", room.CustomerCall, "customer"));
            await PostAsync(callbacks[0], "/conference-events", TwilioForms.ConferenceEvent(room.ConferenceSid, room.Room, 2, "conference-start", CallScenario.At(1)));
            await PostAsync(callbacks[0], "/conference-events", Participant(room, 3, "participant-join", room.AgentCall, "agent"));
            var target = room.ConferenceSid.Replace("CF", "CA", StringComparison.Ordinal)[..26] + "000000aa";
            twilio.NextDial(target, "target");
            var started = await admin.PostAsJsonAsync($"/admin/conferences/{room.Room}/transfers", new { type = "warm", to = new { agent = "bob" } });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            targets.Add(target);
        }

        await database.WaitIdleAsync();
        twilio.Taken();

        // Every callback reaches both instances at once (Twilio retrying through the load balancer), both workers polling.
        var deliveries = rooms.Select((room, i) => ("/call-status", (Dictionary<string, string>)TwilioForms.CallStatus(targets[i], "no-answer", 2, CallScenario.At(30))))
            .Concat(rooms.SelectMany(room => Enumerable.Range(10, 20).Select(seq => ("/conference-events", Participant(room, seq, "participant-mute", room.AgentCall, "agent")))))
            .SelectMany(d => new[] { (callbacks[0], d), (callbacks[1], d) })
            .Shuffled(seed: 11);
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, _) =>
            await PostAsync(item.Item1, item.d.Item1, item.d.Item2));
        await database.WaitIdleAsync();

        var sent = twilio.Taken();
        Assert.Equal(rooms.Count * 2, sent.Count);
        foreach (var room in rooms)
        {
            Assert.Single(sent, s => s == $"update {room.CustomerCall} Hold=False");
            Assert.Single(sent, s => s == $"update {room.AgentCall} EndConferenceOnExit=True");
        }

        var told = recorder.ConferenceEvents.GroupBy(e => (e.ConferenceSid, e.SequenceNumber)).ToList();
        Assert.Equal(rooms.Count * 23, told.Count);
        Assert.All(told, g => Assert.Single(g));
        Assert.Equal(rooms.Count, recorder.CallStatuses.Count(s => s.CallStatus == "no-answer"));
        Assert.Equal(0, database.Scalar("SELECT COUNT(*) FROM reactions WHERE state <> 'done' OR attempts <> 1"));
    }

    [Fact]
    public async Task A_crashed_instances_claim_is_taken_over_once_its_lease_ran_out_and_never_while_it_holds()
    {
        using var database = TestDatabase.CreatePostgres();
        var probe = new RecordingObserver();
        await using var service = new ContactCenterFactory().On(database).With(("Reactions:PollInterval", "00:00:00.050"))
            .WithServices(s => s.AddSingleton<ICallbackReaction>(new Unqueued(probe)));
        var client = service.CreateClient();
        var rooms = Enumerable.Range(720, 3).Select(n => new CallScenario(n)).ToList();
        foreach (var room in rooms)
        {
            await client.PostOkAsync("/conference-events", TwilioForms.ConferenceEvent(room.ConferenceSid, room.Room, 1, "conference-start", CallScenario.At(1)));
        }

        // What other instances left: one crashed a minute ago, one is alive and busy, one crashed after it may have dialed.
        Claimed(database, rooms[0], "crashed", lease: TimeSpan.FromMinutes(-1), mayHaveDialed: false);
        Claimed(database, rooms[1], "alive", lease: TimeSpan.FromHours(1), mayHaveDialed: false);
        Claimed(database, rooms[2], "crashed", lease: TimeSpan.FromMinutes(-1), mayHaveDialed: true);

        await ReactionQueue.UntilAsync(() => database.Scalar("SELECT COUNT(*) FROM reactions WHERE state IN ('done', 'unknown')") == 2, "the takeover");
        Assert.Equal([rooms[0].ConferenceSid], probe.ConferenceEvents.Select(e => e.ConferenceSid));
        Assert.Equal(1, database.Scalar($"SELECT COUNT(*) FROM reactions WHERE source_sid = '{rooms[0].ConferenceSid}' AND state = 'done' AND attempts = 2"));
        Assert.Equal(1, database.Scalar($"SELECT COUNT(*) FROM reactions WHERE source_sid = '{rooms[1].ConferenceSid}' AND state = 'pending' AND lease_owner = 'alive'"));
        Assert.Equal(1, database.Scalar($"SELECT COUNT(*) FROM reactions WHERE source_sid = '{rooms[2].ConferenceSid}' AND state = 'unknown' AND attempts = 1"));
    }

    private static void Claimed(TestDatabase database, CallScenario room, string owner, TimeSpan lease, bool mayHaveDialed)
    {
        static string At(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00";
        var now = DateTime.UtcNow;
        database.Scalar($"""
            INSERT INTO reactions (reaction, source, source_sid, source_status, sequence_number, lane, state, attempts, may_have_dialed,
                next_attempt_at, lease_owner, lease_until, created_at)
            VALUES ('test-unqueued', 'conference-event', '{room.ConferenceSid}', '', 1, '{room.ConferenceSid}', 'pending', 1, {(mayHaveDialed ? "true" : "false")},
                '{At(now.AddMinutes(-2))}', '{owner}', '{At(now + lease)}', '{At(now.AddMinutes(-2))}') RETURNING 1
            """);
    }

    /// <summary>Wants nothing (its rows are written by the test) and passes what it is given to <paramref name="inner"/>.</summary>
    private sealed class Unqueued(RecordingObserver inner) : ICallbackReaction
    {
        public string Name => "test-unqueued";

        public Task OnConferenceEventAsync(ContactCenter.Api.Conferences.StoredConferenceEvent conferenceEvent, ReactionContext context, CancellationToken cancellationToken) =>
            inner.OnConferenceEventAsync(conferenceEvent, context, cancellationToken);
    }

    private static Dictionary<string, string> Participant(CallScenario room, long sequence, string type, string callSid, string label) =>
        TwilioForms.ParticipantEvent(room.ConferenceSid, room.Room, sequence, type, CallScenario.At((int)sequence), callSid, label,
            endConferenceOnExit: label == "agent");

    private static async Task PostAsync(HttpClient client, string path, Dictionary<string, string> form)
    {
        var response = await client.SendAsync(TwilioSigner.SignedPost("http://localhost" + path, form, signedUrl: ControlHarness.PublicBase + path));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
    }
}
