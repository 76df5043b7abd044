using System.Net;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Control;

/// <summary>Warm and cold transfers through the admin API against the recording fake: exact Twilio request order, every state.</summary>
public sealed class TransferStateMachineTests
{
    private const string Hold = "update customer Hold=True HoldUrl=" + ControlHarness.HoldMusic + " HoldMethod=GET";
    private const string Unhold = "update customer Hold=False";
    private const string AgentStays = "update agent EndConferenceOnExit=False";
    private const string AgentEnds = "update agent EndConferenceOnExit=True";

    private static string DialBob(bool endConferenceOnExit) =>
        $"dial {ControlHarness.Bob} label=transfer-target from={ControlHarness.CallerId} eoe={endConferenceOnExit} start=True beep=True muted= coaching= coach= record= " +
        $"timeout=20 callback={ControlHarness.PublicBase}/call-status events=initiated,ringing,answered,completed";

    private static async Task<(ControlHarness Cc, string Id, string Target)> WarmAsync(int n)
    {
        var cc = await new ControlHarness(n).SeedAsync();
        var target = cc.Leg(16);
        var id = await cc.StartTransferAsync("warm", new { agent = "bob" }, target);
        Assert.Equal([AgentStays, Hold, DialBob(false)], cc.Twilio.Taken());
        return (cc, id, target);
    }

    [Fact]
    public async Task Warm_answer_connects_then_complete_unholds_removes_the_first_agent_and_hands_over()
    {
        var (cc, id, target) = await WarmAsync(101);
        await using var _ = cc;
        Assert.Equal("dialing", (await cc.TransferAsync(id)).GetProperty("state").GetString());

        await cc.CallStatusAsync(target, "ringing");
        await cc.CallStatusAsync(target, "in-progress");
        await cc.JoinAsync(target, "transfer-target");
        Assert.Equal("connected", (await cc.TransferAsync(id)).GetProperty("state").GetString());
        Assert.Empty(cc.Twilio.Taken()); // the two agents talk; the caller stays on hold

        var done = await cc.JsonAsync(await cc.PostAsync($"/transfers/{id}/complete"), HttpStatusCode.OK);
        Assert.Equal("completed", done.GetProperty("state").GetString());
        Assert.Equal([Unhold, "remove agent", "update target EndConferenceOnExit=True"], cc.Twilio.Taken());

        // The target is now the room's agent: a coach whispers to them.
        await cc.LeaveAsync(cc.Agent, "agent");
        await cc.JsonAsync(await cc.PostAsync("/supervisors", new { supervisor = "sam", mode = "coach" }), HttpStatusCode.OK);
        Assert.Contains("coach=target", Assert.Single(cc.Twilio.Taken()));
    }

    [Theory]
    [InlineData("in-progress", "connected")]
    [InlineData("busy", "failed")]
    public async Task Callbacks_that_arrive_before_the_dial_answer_are_applied_once_it_arrives(string status, string state)
    {
        await using var cc = await new ControlHarness(109).SeedAsync();
        var target = cc.Leg(16);
        cc.Twilio.BeforeDialAnswer = sid => cc.CallStatusAsync(sid, status);

        var id = await cc.StartTransferAsync("warm", new { agent = "bob" }, target);

        Assert.Equal(state, (await cc.TransferAsync(id)).GetProperty("state").GetString());
        var sent = cc.Twilio.Taken();
        Assert.Equal([AgentStays, Hold, DialBob(false)], sent.Take(3));
        Assert.Equal(state == "failed" ? [Unhold, AgentEnds] : [], sent.Skip(3));
    }

    [Theory]
    [InlineData("no-answer")]
    [InlineData("busy")]
    [InlineData("failed")]
    [InlineData("canceled")]
    public async Task Warm_target_that_never_answers_takes_the_caller_off_hold_once(string status)
    {
        var (cc, id, target) = await WarmAsync(102);
        await using var _ = cc;
        await cc.CallStatusAsync(target, "ringing");
        await cc.CallStatusAsync(target, status);

        Assert.Equal([Unhold, AgentEnds], cc.Twilio.Taken());
        var transfer = await cc.TransferAsync(id);
        Assert.Equal(("failed", status), (transfer.GetProperty("state").GetString(), transfer.GetProperty("reason").GetString()));

        // A duplicate callback (same sequence) and a late participant-leave change nothing.
        await cc.PostCallbackAsync("/call-status", Infrastructure.TwilioForms.CallStatus(target, status, 2, Infrastructure.TwilioForms.Start.AddSeconds(2)));
        await cc.LeaveAsync(target, "transfer-target");
        Assert.Empty(cc.Twilio.Taken());
    }

    [Fact]
    public async Task Complete_before_the_target_joined_is_409_and_sends_nothing()
    {
        var (cc, id, _) = await WarmAsync(103);
        await using var __ = cc;
        await cc.JsonAsync(await cc.PostAsync($"/transfers/{id}/complete"), HttpStatusCode.Conflict);
        Assert.Empty(cc.Twilio.Taken());
        Assert.Equal("dialing", (await cc.TransferAsync(id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Cancel_while_ringing_hangs_up_the_target_then_restores_the_caller()
    {
        var (cc, id, target) = await WarmAsync(104);
        await using var _ = cc;
        var cancelled = await cc.JsonAsync(await cc.PostAsync($"/transfers/{id}/cancel"), HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        Assert.Equal(["hangup target", Unhold, AgentEnds], cc.Twilio.Taken());

        await cc.CallStatusAsync(target, "canceled"); // the hang-up's own callback: the transfer is over already
        Assert.Empty(cc.Twilio.Taken());
        await cc.JsonAsync(await cc.PostAsync($"/transfers/{id}/cancel"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Cancel_after_the_target_joined_removes_it_then_restores_the_caller()
    {
        var (cc, id, target) = await WarmAsync(105);
        await using var _ = cc;
        await cc.JoinAsync(target, "transfer-target");
        await cc.JsonAsync(await cc.PostAsync($"/transfers/{id}/cancel"), HttpStatusCode.OK);
        Assert.Equal(["remove target", Unhold, AgentEnds], cc.Twilio.Taken());
    }

    [Fact]
    public async Task Target_leaving_after_joining_recovers_the_caller()
    {
        var (cc, id, target) = await WarmAsync(106);
        await using var _ = cc;
        await cc.JoinAsync(target, "transfer-target");
        await cc.LeaveAsync(target, "transfer-target");
        Assert.Equal([Unhold, AgentEnds], cc.Twilio.Taken());
        Assert.Equal("target-left", (await cc.TransferAsync(id)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Caller_hanging_up_mid_transfer_cancels_the_ringing_target()
    {
        var (cc, id, _) = await WarmAsync(107);
        await using var __ = cc;
        await cc.LeaveAsync(cc.Customer, "customer");
        Assert.Equal(["hangup target"], cc.Twilio.Taken());
        var transfer = await cc.TransferAsync(id);
        Assert.Equal(("failed", "caller-hung-up"), (transfer.GetProperty("state").GetString(), transfer.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task One_transfer_per_room_at_a_time()
    {
        var (cc, id, _) = await WarmAsync(108);
        await using var __ = cc;
        await cc.JsonAsync(await cc.PostAsync("/transfers", new { type = "cold", to = new { number = "+14155550142" } }), HttpStatusCode.Conflict);
        Assert.Empty(cc.Twilio.Taken());

        await cc.JsonAsync(await cc.PostAsync($"/transfers/{id}/cancel"), HttpStatusCode.OK);
        cc.Twilio.Taken();
        await cc.StartTransferAsync("cold", new { number = "+14155550142" }, cc.Leg(17));
    }

    [Fact]
    public async Task Cold_transfer_removes_the_first_agent_before_dialing_and_unholds_when_the_target_joins()
    {
        await using var cc = await new ControlHarness(109).SeedAsync();
        var target = cc.Leg(16);
        var id = await cc.StartTransferAsync("cold", new { agent = "bob" }, target);
        Assert.Equal([AgentStays, Hold, "remove agent", DialBob(true)], cc.Twilio.Taken());
        await cc.JsonAsync(await cc.PostAsync($"/transfers/{id}/complete"), HttpStatusCode.Conflict);

        await cc.JoinAsync(target, "transfer-target");
        Assert.Equal([Unhold], cc.Twilio.Taken());
        Assert.Equal("completed", (await cc.TransferAsync(id)).GetProperty("state").GetString());

        await cc.CallStatusAsync(target, "in-progress"); // late or duplicate "joined": nothing more
        Assert.Empty(cc.Twilio.Taken());
    }

    [Fact]
    public async Task Cold_target_no_answer_takes_the_caller_off_hold()
    {
        await using var cc = await new ControlHarness(110).SeedAsync();
        var target = cc.Leg(16);
        var id = await cc.StartTransferAsync("cold", new { number = "+14155550142" }, target);
        Assert.Contains("dial +14155550142 label=transfer-target", cc.Twilio.Taken()[^1]);

        await cc.CallStatusAsync(target, "no-answer");
        Assert.Equal([Unhold], cc.Twilio.Taken());
        var transfer = await cc.TransferAsync(id);
        Assert.Equal("failed", transfer.GetProperty("state").GetString());
        Assert.Equal("+*******0142", transfer.GetProperty("target").GetString());
    }

    [Fact]
    public async Task A_failed_dial_marks_the_transfer_failed_and_puts_everything_back()
    {
        await using var cc = await new ControlHarness(111).SeedAsync();
        cc.Twilio.FailOn = "dial";
        var problem = await cc.JsonAsync(await cc.PostAsync("/transfers", new { type = "warm", to = new { agent = "bob" } }), HttpStatusCode.BadGateway);
        Assert.Equal(21212, problem.GetProperty("twilioCode").GetInt32());
        Assert.Equal([AgentStays, Hold, DialBob(false), Unhold, AgentEnds], cc.Twilio.Taken());

        cc.Twilio.FailOn = null;
        await cc.StartTransferAsync("warm", new { agent = "bob" }, cc.Leg(16)); // the failed one is not active
    }
}
