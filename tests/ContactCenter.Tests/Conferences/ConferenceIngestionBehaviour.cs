using System.Text.Json;
using ContactCenter.Api.Conferences;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Conferences;

/// <summary>Ingestion behaviour, written once and run on every engine (see the subclasses at the end).</summary>
public abstract class ConferenceIngestionBehaviour(StorageEngine engine)
{
    protected ContactCenterFactory NewService() => new() { Engine = engine };

    [Fact]
    public async Task A_realistic_call_posted_shuffled_and_duplicated_gives_the_right_room_and_timeline_after_it_ended()
    {
        await using var service = NewService();
        var call = new CallScenario(7);
        var twilio = service.CreateClient();
        var deliveries = call.ConferenceEvents().Select(f => ("/conference-events", f))
            .Concat(call.Recordings().Select(f => ("/recording-status", f)));
        foreach (var (path, form) in deliveries.Concat(deliveries).Shuffled(seed: 42))
        {
            await twilio.PostOkAsync(path, form);
        }

        var admin = service.CreateAdminClient();
        foreach (var key in new[] { call.Room, call.ConferenceSid })
        {
            var room = await admin.GetRoomAsync(key);
            Assert.Equal(call.ConferenceSid, room.ConferenceSid);
            Assert.Equal(call.Room, room.FriendlyName);
            Assert.Equal(ConferenceStatus.Ended, room.Status);
            Assert.Equal((CallScenario.At(0), CallScenario.At(182)), (room.StartedAt, room.EndedAt));
            Assert.Equal(("participant-with-end-conference-on-exit-left", call.AgentCall), (room.EndReason, room.CallSidEndingConference));

            Assert.Equal(
                [
                    (call.CustomerCall, ParticipantRole.Customer, CallScenario.At(0), CallScenario.At(181), "participant_with_end_conference_on_exit_left"),
                    (call.AgentCall, ParticipantRole.Agent, CallScenario.At(30), CallScenario.At(180), "participant_hung_up"),
                    (call.SupervisorCall, ParticipantRole.Supervisor, CallScenario.At(120), CallScenario.At(181), "participant_with_end_conference_on_exit_left"),
                ],
                room.Participants.Select(p => (p.CallSid, p.Role, p.JoinedAt!.Value, p.LeftAt!.Value, p.ReasonLeft!)));
            Assert.All(room.Participants, p => Assert.False(p.InRoom || p.Hold || p.Muted));
            var coach = room.Participants[2];
            Assert.True(coach.Coaching);
            Assert.Equal(call.AgentCall, coach.CallSidToCoach);
            Assert.Equal("supervisor-sam", coach.Label);
            Assert.True(room.Participants[1].EndConferenceOnExit);

            var recording = Assert.Single(room.Recordings);
            Assert.Equal((call.RecordingSid, "completed", 182), (recording.RecordingSid, recording.Status, recording.DurationSeconds));
        }

        var timeline = await admin.GetTimelineAsync(call.Room);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), timeline.Select(e => e.SequenceNumber));
        Assert.Equal(call.ConferenceEvents().Select(f => f["StatusCallbackEvent"]), timeline.Select(e => e.EventType));
        Assert.Equal(CallScenario.At(60), timeline[3].Timestamp);
        Assert.Equal("true", timeline[3].Fields["Hold"]);

        Assert.Equal(10, service.Database.Scalar($"SELECT COUNT(*) FROM conference_events WHERE conference_sid = '{call.ConferenceSid}'"));
        Assert.Equal(2, service.Database.Scalar("SELECT COUNT(*) FROM recordings"));
        Assert.Equal(1, service.Database.Scalar("SELECT COUNT(*) FROM conferences"));
    }

    [Fact]
    public async Task Every_permutation_of_a_call_and_duplicates_converge_on_the_same_room()
    {
        await using var service = NewService();
        var twilio = service.CreateClient();
        var admin = service.CreateAdminClient();
        // Caller joins, agent joins, caller on hold, agent leaves, conference ends: all 120 orders, each in its own room.
        int[] picked = [0, 2, 3, 6, 9];
        var orders = Permutations([.. picked]).ToList();
        Assert.Equal(120, orders.Count);
        await Parallel.ForEachAsync(orders.Select((order, i) => (order, i)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, _) =>
        {
            var call = new CallScenario(1000 + item.i);
            var events = call.ConferenceEvents();
            foreach (var index in item.order.Append(item.order[item.i % item.order.Count]))
            {
                await twilio.PostOkAsync("/conference-events", events[index]);
            }
        });

        var expected = await Normalized(admin, new CallScenario(1000));
        Assert.Contains("\"hold\":true", expected, StringComparison.Ordinal); // the customer was left on hold
        Assert.Contains("\"status\":\"ended\"", expected, StringComparison.Ordinal);
        for (var i = 1; i < orders.Count; i++)
        {
            Assert.Equal(expected, await Normalized(admin, new CallScenario(1000 + i)));
        }

        Assert.Equal(120 * 5, service.Database.Scalar("SELECT COUNT(*) FROM conference_events"));
        var ended = await admin.GetOkAsync<ConferencePage>("/admin/conferences?status=ended&pageSize=200");
        Assert.Equal(120, ended.Total);
    }

    [Fact]
    public async Task A_duplicate_is_acknowledged_200_changes_nothing_and_reactions_hear_each_event_once()
    {
        var observer = new RecordingObserver();
        await using var service = NewService().WithServices(s => s.AddSingleton<ContactCenter.Api.Reactions.ICallbackReaction>(observer));
        var call = new CallScenario(3);
        var twilio = service.CreateClient();
        var join = call.ConferenceEvents()[0];
        var ringing = TwilioForms.CallStatus(call.AgentCall, "ringing", 1, CallScenario.At(10));
        var noAnswer = TwilioForms.CallStatus(call.AgentCall, "no-answer", 2, CallScenario.At(40));

        await twilio.PostOkAsync("/conference-events", join);
        var before = await service.CreateAdminClient().GetTimelineAsync(call.Room);
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await twilio.PostOkAsync("/conference-events", join);
            await twilio.PostOkAsync("/call-status", noAnswer);
            await twilio.PostOkAsync("/call-status", ringing);
        }

        var after = await service.CreateAdminClient().GetTimelineAsync(call.Room);
        await service.Database.WaitIdleAsync();
        Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize(after));
        Assert.Equal(1, service.Database.Scalar("SELECT COUNT(*) FROM conference_events"));
        Assert.Equal(2, service.Database.Scalar("SELECT COUNT(*) FROM call_status_events"));
        Assert.Equal(["participant-join"], observer.ConferenceEvents.Select(e => e.EventType));
        Assert.Equal(["no-answer", "ringing"], observer.CallStatuses.Select(s => s.CallStatus));

        var stored = await service.Services.GetRequiredService<IConferenceStore>().GetCallStatusesAsync(call.AgentCall);
        Assert.Equal(["ringing", "no-answer"], stored.Select(s => s.CallStatus));
        Assert.Equal("+14155550142", stored[0].To);
    }

    [Fact]
    public async Task Unknown_event_types_are_stored_and_ignored_and_undocumented_fields_are_left_out()
    {
        await using var service = NewService();
        var call = new CallScenario(4);
        var twilio = service.CreateClient();
        var unknown = TwilioForms.ConferenceEvent(call.ConferenceSid, call.Room, 3, "conference-reticulate", CallScenario.At(5));
        unknown["FutureField"] = "42";
        var join = call.ConferenceEvents()[0];
        join["AnotherNewField"] = "yes";

        await twilio.PostOkAsync("/conference-events", unknown);
        await twilio.PostOkAsync("/conference-events", join);

        var admin = service.CreateAdminClient();
        var timeline = await admin.GetTimelineAsync(call.Room);
        Assert.Equal(["participant-join", "conference-reticulate"], timeline.Select(e => e.EventType));
        Assert.DoesNotContain("FutureField", timeline[1].Fields.Keys);
        Assert.DoesNotContain("AnotherNewField", timeline[0].Fields.Keys);
        Assert.Equal("participant-join", timeline[0].Fields["StatusCallbackEvent"]);
        var room = await admin.GetRoomAsync(call.Room);
        Assert.Equal(ConferenceStatus.Active, room.Status);
        Assert.True(Assert.Single(room.Participants).InRoom);
    }

    private static async Task<string> Normalized(HttpClient admin, CallScenario call)
    {
        var json = JsonSerializer.Serialize(await admin.GetRoomAsync(call.Room), ServiceClients.Json);
        foreach (var (sid, name) in new[] { (call.ConferenceSid, "CF"), (call.CustomerCall, "CUSTOMER"), (call.AgentCall, "AGENT"), (call.SupervisorCall, "SUPERVISOR") })
        {
            json = json.Replace(sid, name, StringComparison.Ordinal);
        }

        return json;
    }

    private static IEnumerable<List<int>> Permutations(List<int> items) =>
        items.Count <= 1 ? [items] : items.SelectMany(head => Permutations([.. items.Where(i => i != head)]).Select(tail => (List<int>)[head, .. tail]));
}

public sealed class SqliteConferenceIngestionTests() : ConferenceIngestionBehaviour(StorageEngine.Sqlite);

[Trait("Category", "Integration")]
public sealed class PostgresConferenceIngestionTests() : ConferenceIngestionBehaviour(StorageEngine.Postgres);
