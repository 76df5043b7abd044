using ContactCenter.TwilioSimulator;

namespace ContactCenter.Tests.Simulator;

/// <summary>The properties a customer cares about, asserted on the who-hears-whom matrix.</summary>
public sealed class AudibilityTests
{
    private readonly SimulatorHarness _sim = new();
    private readonly string _room;

    public AudibilityTests()
    {
        _room = _sim.PlaceCaller().ConferenceFriendlyName!;
        _sim.AddAnswered(_room, "agent", "client:alice");
    }

    [Fact]
    public void During_a_warm_transfer_briefing_the_held_caller_hears_neither_agent_and_neither_hears_them()
    {
        _sim.Twilio.UpdateParticipant(_room, "customer", new ParticipantUpdate { Hold = true });
        _sim.AddAnswered(_room, "transfer-target", "client:bob");

        var matrix = _sim.Twilio.Audibility(_room);
        var caller = matrix.For("customer");
        Assert.Empty(caller.Hears);
        Assert.Empty(caller.HeardBy);
        Assert.True(caller.HearsHoldMusic);
        Assert.False(caller.HearsWaitMusic);
        Assert.True(matrix.Hears("agent", "transfer-target"));
        Assert.True(matrix.Hears("transfer-target", "agent"));
        var hold = _sim.ConferenceCallbacks.Single(c => c["StatusCallbackEvent"] == "participant-hold");
        Assert.Equal(("customer", "true"), (hold["ParticipantLabel"], hold["Hold"]));

        _sim.Twilio.UpdateParticipant(_room, "customer", new ParticipantUpdate { Hold = false });

        var after = _sim.Twilio.Audibility(_room);
        Assert.True(after.Hears("customer", "agent") && after.Hears("customer", "transfer-target"));
        Assert.False(after.For("customer").HearsHoldMusic);
        Assert.Contains("participant-unhold", _sim.ConferenceEventNames);
    }

    [Fact]
    public void A_coach_is_heard_only_by_the_coached_agent_and_never_by_the_caller()
    {
        var agent = _sim.Twilio.GetParticipant(_room, "agent");
        var coach = _sim.AddAnswered(_room, "coach", "client:sue", new ParticipantRequest { Coaching = true, CallSidToCoach = agent.CallSid });

        var matrix = _sim.Twilio.Audibility(_room);
        Assert.Equal([agent.CallSid], matrix.For("coach").HeardBy);
        Assert.False(matrix.Hears("customer", "coach"));
        Assert.True(matrix.Hears("coach", "customer") && matrix.Hears("coach", "agent"));
        Assert.True(matrix.Hears("customer", "agent"));
        var join = _sim.ConferenceCallbacks.Last(c => c["CallSid"] == coach.CallSid);
        Assert.Equal(("true", agent.CallSid), (join["Coaching"], join["CallSidToCoach"]));
    }

    [Fact]
    public void Coaching_switched_off_on_the_live_leg_makes_the_supervisor_heard_by_everyone()
    {
        var agent = _sim.Twilio.GetParticipant(_room, "agent");
        _sim.AddAnswered(_room, "coach", "client:sue", new ParticipantRequest { Coaching = true, CallSidToCoach = agent.CallSid });

        var updated = _sim.Twilio.UpdateParticipant(_room, "coach", new ParticipantUpdate { Coaching = false });

        Assert.Null(updated.CallSidToCoach);
        Assert.True(_sim.Twilio.Audibility(_room).Hears("customer", "coach"));
        Assert.Equal("participant-modify", _sim.ConferenceCallbacks.Last()["StatusCallbackEvent"]);
    }

    [Fact]
    public void A_monitoring_supervisor_is_muted_heard_by_no_one_and_hears_everyone()
    {
        _sim.AddAnswered(_room, "monitor", "client:sue", new ParticipantRequest { Muted = true });

        var monitor = _sim.Twilio.Audibility(_room).For("monitor");
        Assert.Empty(monitor.HeardBy);
        Assert.Equal(2, monitor.Hears.Count);
    }

    [Fact]
    public void Muting_a_live_leg_silences_it_for_everyone_and_says_so()
    {
        _sim.Twilio.UpdateParticipant(_room, "agent", new ParticipantUpdate { Muted = true });

        Assert.False(_sim.Twilio.Audibility(_room).Hears("customer", "agent"));
        Assert.True(_sim.Twilio.Audibility(_room).Hears("agent", "customer"));
        Assert.Equal(("participant-mute", "true"), (_sim.ConferenceCallbacks.Last()["StatusCallbackEvent"], _sim.ConferenceCallbacks.Last()["Muted"]));
    }

    [Fact]
    public void Coaching_a_call_that_is_not_in_the_room_is_refused()
    {
        var error = Assert.Throws<SimulatorApiException>(() =>
            _sim.Twilio.CreateParticipant(_room, SimulatorHarness.Dial("client:sue") with { Coaching = true, CallSidToCoach = "CA" + new string('9', 32) }));

        Assert.Equal(400, error.Status);
    }
}
