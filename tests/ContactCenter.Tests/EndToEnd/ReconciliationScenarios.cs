using System.Net;
using System.Net.Http.Json;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Control;
using ContactCenter.Api.Reconciliation;
using ContactCenter.Tests.Infrastructure;
using ContactCenter.TwilioSimulator;
using ConferenceStatus = ContactCenter.Api.Conferences.ConferenceStatus;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.EndToEnd;

/// <summary>Twilio's word lost on the way (the simulator drops callbacks): the record heals itself from Twilio's REST API.</summary>
public sealed class ReconciliationScenarios
{
    private static readonly string[] EndCallbacks = ["conference-end", "participant-leave"];

    [Fact]
    public async Task Ops_ending_a_room_whose_end_was_never_reported_get_it_reconciled_and_closed_and_twilios_late_word_still_wins()
    {
        await using var live = LiveContactCenter.Start();
        var (caller, room, alice) = await live.CallerWithAgentAsync();
        await DropAsync(live, room, EndCallbacks);

        await live.HangUpAsync(alice);
        await live.SettledAsync();
        var lost = Dispatcher(live).Deliveries.Where(d => d.Dropped && d["FriendlyName"] == room).ToList();
        Assert.Equal(["participant-leave", "participant-leave", "conference-end"], lost.Select(d => d["StatusCallbackEvent"]));
        var stale = await live.RoomAsync(room);
        Assert.Equal(ConferenceStatus.Active, stale.Status);
        Assert.True(Scenario.InRoom(stale, caller) && Scenario.InRoom(stale, alice));

        var response = await live.Admin.DeleteAsync($"/admin/conferences/{room}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = (await response.Content.ReadFromJsonAsync<ControlOutcome>(ServiceClients.Json))!;
        Assert.Contains("already over at Twilio", outcome.Detail);
        Assert.Contains("reconciled", outcome.Detail);
        var closed = await live.RoomAsync(room);
        Assert.Equal((ConferenceStatus.Ended, "reconciled"), (closed.Status, closed.EndReason));
        Assert.All(closed.Participants, p => Assert.Equal((false, "reconciled"), (p.InRoom, p.ReasonLeft)));
        var timeline = await live.Admin.GetTimelineAsync(room);
        Assert.Equal("reconciled-conference-end", timeline.Single(e => e.SequenceNumber == ReconciledEvents.ConferenceEndSequence).EventType);
        Assert.Contains(await live.Admin.GetOkAsync<List<AuditEntry>>($"/admin/audit?room={room}"), a => a.Action == "conference.end" && a.Outcome == "ok");

        // The lost callbacks turn up after all (a replay, a late delivery): Twilio's account replaces the reconciled one.
        foreach (var callback in lost)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, callback.Url) { Content = new FormUrlEncodedContent(callback.Form) };
            request.Headers.Add(SimulatorSignature.HeaderName, callback.Signature);
            Assert.Equal(HttpStatusCode.OK, (await live.Http.SendAsync(request)).StatusCode);
        }

        var told = await live.RoomAsync(room);
        Assert.Equal(("participant-with-end-conference-on-exit-left", alice), (told.EndReason, told.CallSidEndingConference));
        Assert.DoesNotContain(told.Participants, p => p.ReasonLeft == "reconciled");
    }

    [Fact]
    public async Task An_admin_action_that_finds_the_room_gone_at_twilio_has_the_background_reconciler_close_it_at_once()
    {
        await using var live = LiveContactCenter.Start(false, ("Reconciliation:Enabled", "true"), ("Reconciliation:Interval", "1.00:00:00"));
        var (caller, room, alice) = await live.CallerWithAgentAsync();
        await DropAsync(live, room, EndCallbacks);
        await live.HangUpAsync(alice);
        await live.SettledAsync();

        var hold = await live.Admin.PostAsync($"/admin/conferences/{room}/participants/{caller}/hold", null);

        Assert.Equal(HttpStatusCode.NotFound, hold.StatusCode);
        var closed = await live.RoomWhenAsync(room, r => r.Status == ConferenceStatus.Ended, "the room reconciled after the 404");
        Assert.Equal("reconciled", closed.EndReason);
    }

    [Fact]
    public async Task A_supervisor_whose_leave_was_lost_is_closed_by_the_next_pass_while_the_call_goes_on()
    {
        await using var live = LiveContactCenter.Start();
        var (caller, room, alice) = await live.CallerWithAgentAsync();
        var sam = await live.AddSupervisorAsync(room, "sam", "monitor");
        await live.RoomWhenAsync(room, r => Scenario.InRoom(r, sam), "sam joined");
        await DropAsync(live, room, ["participant-leave"]);

        await live.HangUpAsync(sam);
        await live.SettledAsync();
        Assert.True(Scenario.InRoom(await live.RoomAsync(room), sam));
        await live.Services.GetRequiredService<ReconciliationService>().RunPassAsync(CancellationToken.None);

        var after = await live.RoomAsync(room);
        Assert.Equal(ConferenceStatus.Active, after.Status);
        Assert.Equal((false, "reconciled"), (after.Participant(sam).InRoom, after.Participant(sam).ReasonLeft));
        Assert.True(Scenario.InRoom(after, caller) && Scenario.InRoom(after, alice));
        await live.AssertTalkingAsync(room, caller, alice);
    }

    private static SimulatorCallbackDispatcher Dispatcher(LiveContactCenter live) => live.Services.GetRequiredService<SimulatorCallbackDispatcher>();

    private static async Task DropAsync(LiveContactCenter live, string room, string[] events)
    {
        var response = await live.Http.PostAsJsonAsync("/sim/callbacks/drops", new { room, events });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
