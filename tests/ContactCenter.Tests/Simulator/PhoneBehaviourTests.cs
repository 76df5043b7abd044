using ContactCenter.TwilioSimulator;

namespace ContactCenter.Tests.Simulator;

public sealed class PhoneBehaviourTests
{
    private readonly SimulatorHarness _sim = new(
        new SimulatedPhoneOptions { Endpoint = "client:busy", Behavior = "busy", AnswerAfterMs = 500 },
        new SimulatedPhoneOptions { Endpoint = "client:away", Behavior = "no-answer" },
        new SimulatedPhoneOptions { Endpoint = "sip:broken@pbx.test", Behavior = "fail", AnswerAfterMs = 200 },
        new SimulatedPhoneOptions { Endpoint = "client:desk", Behavior = "manual" },
        new SimulatedPhoneOptions { Endpoint = "+14155550199", Behavior = "answer", AnswerAfterMs = 30_000 });

    [Theory]
    [InlineData("client:busy", 500, CallStatus.Busy)]
    [InlineData("sip:broken@pbx.test", 200, CallStatus.Failed)]
    [InlineData("client:away", 20_000, CallStatus.NoAnswer)]
    [InlineData("+14155550199", 20_000, CallStatus.NoAnswer)]
    public void A_leg_that_is_not_answered_ends_with_its_status_and_never_joins(string endpoint, int afterMs, string status)
    {
        var room = _sim.PlaceCaller().ConferenceFriendlyName!;
        var leg = _sim.Twilio.CreateParticipant(room, SimulatorHarness.Dial(endpoint, "agent") with { Timeout = 20 });

        _sim.Clock.Advance(TimeSpan.FromMilliseconds(afterMs - 1));
        Assert.Equal(CallStatus.Ringing, _sim.Twilio.GetCall(leg.CallSid).Status);
        _sim.Clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(status, _sim.Twilio.GetCall(leg.CallSid).Status);
        Assert.Equal(["customer"], _sim.Twilio.ListParticipants(room).Select(p => p.Label));
        Assert.DoesNotContain(_sim.ConferenceCallbacks, c => c["CallSid"] == leg.CallSid);
        var final = Assert.Single(_sim.CallStatusOf(leg.CallSid));
        Assert.Equal((status, "0"), (final["CallStatus"], final["CallDuration"]));
    }

    [Fact]
    public void A_manual_phone_rings_until_told_to_answer()
    {
        var room = _sim.PlaceCaller().ConferenceFriendlyName!;
        var leg = _sim.Twilio.CreateParticipant(room, SimulatorHarness.Dial("client:desk", "agent"));
        _sim.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(ParticipantStatus.Ringing, _sim.Twilio.GetParticipant(room, "agent").Status);

        var notConnected = Assert.Throws<SimulatorApiException>(() => _sim.Twilio.UpdateParticipant(room, "agent", new ParticipantUpdate { Hold = true }));
        Assert.Equal((400, TwilioErrorCodes.NotInProgress), (notConnected.Status, notConnected.Code));

        _sim.Twilio.Answer(leg.CallSid);
        _sim.Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(ParticipantStatus.Connected, _sim.Twilio.GetParticipant(room, "agent").Status);
        _sim.Twilio.HangUp(leg.CallSid);
        var call = _sim.Twilio.GetCall(leg.CallSid);
        Assert.Equal((CallStatus.Completed, 5), (call.Status, call.Duration));
        Assert.Equal("5", _sim.CallStatusOf(leg.CallSid).Last()["CallDuration"]);
    }

    [Fact]
    public void Canceling_a_ringing_leg_over_rest_stops_it_joining()
    {
        var room = _sim.PlaceCaller().ConferenceFriendlyName!;
        var leg = _sim.Twilio.CreateParticipant(room, SimulatorHarness.Dial("client:desk", "agent"));

        Assert.Equal(CallStatus.Canceled, _sim.Twilio.UpdateCall(leg.CallSid, new CallUpdate { Status = CallStatus.Canceled }).Status);
        Assert.Throws<SimulatorApiException>(() => _sim.Twilio.Answer(leg.CallSid));
        Assert.Single(_sim.Twilio.ListParticipants(room));
    }

    [Fact]
    public void Canceled_does_not_end_a_live_call_but_completed_does()
    {
        var room = _sim.PlaceCaller().ConferenceFriendlyName!;
        var agent = _sim.AddAnswered(room, "agent", "client:alice");

        Assert.Equal(CallStatus.InProgress, _sim.Twilio.UpdateCall(agent.CallSid, new CallUpdate { Status = CallStatus.Canceled }).Status);
        Assert.Equal(CallStatus.Completed, _sim.Twilio.UpdateCall(agent.CallSid, new CallUpdate { Status = CallStatus.Completed }).Status);
        Assert.Equal("participant-leave", _sim.ConferenceCallbacks.Last()["StatusCallbackEvent"]);
    }

    [Fact]
    public void A_caller_hanging_up_while_ringing_agents_are_dialed_ends_the_room_and_cancels_them()
    {
        var caller = _sim.PlaceCaller();
        var leg = _sim.Twilio.CreateParticipant(caller.ConferenceFriendlyName!, SimulatorHarness.Dial("client:desk", "agent"));

        _sim.Twilio.HangUp(caller.Sid);

        Assert.Equal(CallStatus.Canceled, _sim.Twilio.GetCall(leg.CallSid).Status);
        Assert.Equal(ConferenceStatus.Completed, _sim.Twilio.GetConference(caller.ConferenceSid!).Status);
    }
}
