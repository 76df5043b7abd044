using System.Net;
using ContactCenter.Tests.Infrastructure;
using System.Net.Http.Json;

namespace ContactCenter.Tests.Control;

/// <summary>Connect, hold, mute, remove, end and supervisors through the admin API: the exact Twilio requests, in order.</summary>
public sealed class ConferenceOperationTests
{
    private const string Callback = $"timeout=20 callback={ControlHarness.PublicBase}/call-status events=initiated,ringing,answered,completed";

    [Fact]
    public async Task Connect_agent_dials_the_configured_endpoint_labelled_agent_ending_the_call_on_exit()
    {
        await using var cc = await new ControlHarness(201).SeedAsync(withAgent: false);
        var body = await cc.JsonAsync(await cc.PostAsync("/agents", new { agent = "alice" }), HttpStatusCode.OK);
        Assert.Equal(
            [$"dial {ControlHarness.Alice} label=agent from={ControlHarness.CallerId} eoe=True start=True beep=True muted= coaching= coach= record= {Callback}"],
            cc.Twilio.Taken());
        Assert.StartsWith("CA", body.GetProperty("callSid").GetString());
    }

    [Fact]
    public async Task Connecting_a_second_agent_is_409_and_unknown_agent_404_without_dialing()
    {
        await using var cc = await new ControlHarness(202).SeedAsync();
        await cc.JsonAsync(await cc.PostAsync("/agents", new { agent = "bob" }), HttpStatusCode.Conflict);
        await cc.JsonAsync(await cc.PostAsync("/agents", new { agent = "mallory" }), HttpStatusCode.NotFound);
        await cc.JsonAsync(await cc.PostAsync("/agents", new { }), HttpStatusCode.BadRequest);
        Assert.Empty(cc.Twilio.Taken());
    }

    [Fact]
    public async Task Hold_unhold_mute_unmute_remove_and_end()
    {
        await using var cc = await new ControlHarness(203).SeedAsync();
        foreach (var action in new[] { "hold", "unhold", "mute", "unmute" })
        {
            await cc.JsonAsync(await cc.PostAsync($"/participants/{cc.Customer}/{action}"), HttpStatusCode.OK);
        }

        await cc.JsonAsync(await cc.Admin.DeleteAsync($"/admin/conferences/{cc.Room}/participants/{cc.Agent}"), HttpStatusCode.OK);
        await cc.JsonAsync(await cc.Admin.DeleteAsync($"/admin/conferences/{cc.Conference}"), HttpStatusCode.OK);
        Assert.Equal(
        [
            $"update customer Hold=True HoldUrl={ControlHarness.HoldMusic} HoldMethod=GET",
            "update customer Hold=False",
            "update customer Muted=True",
            "update customer Muted=False",
            "update agent EndConferenceOnExit=False", // removed by ops, the agent must not take the caller down too
            "remove agent",
            "end",
        ], cc.Twilio.Taken());
    }

    [Fact]
    public async Task Participant_actions_refuse_unknown_participants_rooms_and_ended_rooms()
    {
        await using var cc = await new ControlHarness(204).SeedAsync();
        await cc.JsonAsync(await cc.PostAsync($"/participants/{cc.Leg(99)}/hold"), HttpStatusCode.NotFound);
        await cc.JsonAsync(await cc.PostAsync("/participants/not-a-call/hold"), HttpStatusCode.BadRequest);
        await cc.JsonAsync(await cc.Admin.PostAsync($"/admin/conferences/room-nowhere/participants/{cc.Customer}/mute", null), HttpStatusCode.NotFound);
        await cc.PostCallbackAsync("/conference-events", Infrastructure.TwilioForms.ConferenceEvent(cc.Conference, cc.Room, 50, "conference-end", Infrastructure.TwilioForms.Start.AddMinutes(5)));
        await cc.JsonAsync(await cc.PostAsync($"/participants/{cc.Customer}/mute"), HttpStatusCode.Conflict);
        Assert.Empty(cc.Twilio.Taken());
    }

    [Fact]
    public async Task Supervisors_join_silently_in_each_mode_and_switch_on_the_live_leg()
    {
        await using var cc = await new ControlHarness(205).SeedAsync();
        var sup = $"dial {ControlHarness.Sam} label=supervisor-sam from={ControlHarness.CallerId} eoe=False start=False beep=False";
        await cc.JsonAsync(await cc.PostAsync("/supervisors", new { supervisor = "sam", mode = "monitor" }), HttpStatusCode.OK);
        Assert.Equal([$"{sup} muted=True coaching= coach= record= {Callback}"], cc.Twilio.Taken());

        await cc.JoinAsync(cc.Scenario.SupervisorCall, "supervisor-sam");
        await cc.JsonAsync(await cc.PostAsync("/supervisors", new { supervisor = "sam", mode = "barge" }), HttpStatusCode.Conflict);
        foreach (var mode in new[] { "coach", "barge", "monitor" })
        {
            var response = await cc.Admin.PutAsJsonAsync($"/admin/conferences/{cc.Room}/supervisors/{cc.Scenario.SupervisorCall}", new { mode });
            await cc.JsonAsync(response, HttpStatusCode.OK);
        }

        Assert.Equal(
        [
            "update supervisor Muted=False Coaching=True CallSidToCoach=agent",
            "update supervisor Muted=False Coaching=False",
            "update supervisor Muted=True Coaching=False",
        ], cc.Twilio.Taken());
        var notSupervisor = await cc.Admin.PutAsJsonAsync($"/admin/conferences/{cc.Room}/supervisors/{cc.Customer}", new { mode = "barge" });
        await cc.JsonAsync(notSupervisor, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Coach_leg_is_recorded_when_configured_and_coaching_needs_an_agent()
    {
        await using var cc = await new ControlHarness(206, settings: ("Conference:RecordCoachLeg", "true")).SeedAsync(withAgent: false);
        await cc.JsonAsync(await cc.PostAsync("/supervisors", new { supervisor = "sam", mode = "coach" }), HttpStatusCode.Conflict);
        await cc.JoinAsync(cc.Agent, "agent", endConferenceOnExit: true);
        await cc.JsonAsync(await cc.PostAsync("/supervisors", new { supervisor = "sam", mode = "coach" }), HttpStatusCode.OK);
        Assert.Contains("muted=False coaching=True coach=agent record=True", Assert.Single(cc.Twilio.Taken()));

        await cc.JoinAsync(cc.Scenario.SupervisorCall, "supervisor-sam");
        await cc.Admin.PutAsJsonAsync($"/admin/conferences/{cc.Room}/supervisors/{cc.Scenario.SupervisorCall}", new { mode = "monitor" });
        await cc.JsonAsync(await cc.Admin.PutAsJsonAsync($"/admin/conferences/{cc.Room}/supervisors/{cc.Scenario.SupervisorCall}", new { mode = "coach" }), HttpStatusCode.OK);
        Assert.Equal(
        [
            "update supervisor Muted=True Coaching=False",
            "update supervisor Muted=False Coaching=True CallSidToCoach=agent",
            $"record supervisor callback={ControlHarness.PublicBase}/recording-status",
        ], cc.Twilio.Taken());
    }

    [Fact]
    public async Task Transfer_targets_outside_the_directory_and_allow_list_are_refused_before_twilio()
    {
        await using var cc = await new ControlHarness(207).SeedAsync();
        await cc.JsonAsync(await cc.PostAsync("/transfers", new { type = "warm", to = new { number = "+14155560000" } }), HttpStatusCode.Forbidden);
        await cc.JsonAsync(await cc.PostAsync("/transfers", new { type = "cold", to = new { number = "+1415555014299" } }), HttpStatusCode.Forbidden);
        await cc.JsonAsync(await cc.PostAsync("/transfers", new { type = "cold", to = new { number = "sip:x@evil.example.com" } }), HttpStatusCode.Forbidden);
        await cc.JsonAsync(await cc.PostAsync("/transfers", new { type = "warm", to = new { agent = "mallory" } }), HttpStatusCode.NotFound);
        await cc.JsonAsync(await cc.PostAsync("/transfers", new { type = "warm", to = new { agent = "bob", number = "+14155550142" } }), HttpStatusCode.BadRequest);
        await cc.JsonAsync(await cc.PostAsync("/transfers", new { type = "sideways", to = new { agent = "bob" } }), HttpStatusCode.BadRequest);
        Assert.Empty(cc.Twilio.Taken());
    }
}
