using ContactCenter.TwilioSimulator;

namespace ContactCenter.Tests.Simulator;

public sealed class SimulatedConferenceTests
{
    private readonly SimulatorHarness _sim = new();

    [Fact]
    public void The_first_participant_creates_the_room_and_alone_hears_the_wait_music()
    {
        var caller = _sim.PlaceCaller();

        Assert.Equal(CallStatus.InProgress, caller.Status);
        Assert.Equal(["say:Welcome"], caller.Prompts);
        var room = Assert.Single(_sim.Twilio.ListConferences(friendlyName: "room-" + caller.Sid));
        Assert.Equal(ConferenceStatus.InProgress, room.Status);
        Assert.Equal(caller.ConferenceSid, room.Sid);
        var alone = _sim.Twilio.Audibility(room.FriendlyName).For("customer");
        Assert.True(alone.HearsWaitMusic);
        Assert.Empty(alone.Hears);
        Assert.Equal(["participant-join", "conference-start"], _sim.ConferenceEventNames);
    }

    [Fact]
    public void A_dialed_agent_rings_answers_after_the_delay_then_both_hear_each_other()
    {
        var caller = _sim.PlaceCaller();
        var room = caller.ConferenceFriendlyName!;

        var agent = _sim.Twilio.CreateParticipant(room, SimulatorHarness.Dial("client:alice", "agent") with
        {
            StatusCallbackEvents = new HashSet<string> { "initiated", "ringing", "answered", "completed" },
        });
        Assert.Equal(ParticipantStatus.Queued, agent.Status);
        _sim.Clock.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.Equal(ParticipantStatus.Ringing, _sim.Twilio.GetParticipant(room, "agent").Status);
        Assert.Equal(["customer"], _sim.Twilio.Audibility(room).Participants.Select(p => p.Label));

        _sim.Clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(ParticipantStatus.Connected, _sim.Twilio.GetParticipant(room, agent.CallSid).Status);
        var matrix = _sim.Twilio.Audibility(room);
        Assert.True(matrix.Hears("customer", "agent"));
        Assert.True(matrix.Hears("agent", "customer"));
        Assert.False(matrix.For("customer").HearsWaitMusic);
        var legEvents = _sim.CallStatusOf(agent.CallSid).ToList();
        Assert.Equal(["initiated", "ringing", "in-progress"], legEvents.Select(c => c["CallStatus"]));
        Assert.Equal(["0", "1", "2"], legEvents.Select(c => c["SequenceNumber"]));
        Assert.All(legEvents, c => Assert.Equal("client:alice", c["To"]));
        var join = _sim.ConferenceCallbacks.Last();
        Assert.Equal("participant-join", join["StatusCallbackEvent"]);
        Assert.Equal("agent", join["ParticipantLabel"]);
        Assert.Equal(agent.CallSid, join["CallSid"]);
        Assert.Equal("Mon, 23 Nov 2026 21:00:01 +0000", join["Timestamp"]);
    }

    [Fact]
    public void A_room_without_a_start_conference_on_enter_participant_waits_until_one_joins()
    {
        _sim.AddAnswered("room-x", "listener1", "client:a", new ParticipantRequest
        {
            StartConferenceOnEnter = false,
            ConferenceStatusCallback = SimulatorHarness.ConferenceEvents,
            ConferenceStatusCallbackEvents = new HashSet<string> { "start", "end" },
        });
        _sim.AddAnswered("room-x", "listener2", "client:b", new ParticipantRequest { StartConferenceOnEnter = false });

        var waiting = _sim.Twilio.Audibility("room-x");
        Assert.Equal(ConferenceStatus.Init, waiting.Status);
        Assert.All(waiting.Participants, p => Assert.True(p.HearsWaitMusic));
        Assert.All(waiting.Participants, p => Assert.Empty(p.Hears));

        _sim.AddAnswered("room-x", "moderator", "client:c");

        var started = _sim.Twilio.Audibility("room-x");
        Assert.Equal(ConferenceStatus.InProgress, started.Status);
        Assert.All(started.Participants, p => Assert.Equal(2, p.Hears.Count));
        Assert.Equal(["conference-start"], _sim.ConferenceEventNames);
    }

    [Fact]
    public void A_participant_who_ends_the_conference_on_exit_takes_everyone_with_them()
    {
        var caller = _sim.PlaceCaller();
        var room = caller.ConferenceFriendlyName!;
        var agent = _sim.AddAnswered(room, "agent", "client:alice", new ParticipantRequest { EndConferenceOnExit = true });

        _sim.Twilio.HangUp(agent.CallSid);

        var conference = _sim.Twilio.GetConference(caller.ConferenceSid!);
        Assert.Equal(ConferenceStatus.Completed, conference.Status);
        Assert.Equal("participant-with-end-conference-on-exit-left", conference.ReasonConferenceEnded);
        Assert.Equal(CallStatus.Completed, _sim.Twilio.GetCall(caller.Sid).Status);
        Assert.Empty(_sim.Twilio.ListParticipants(conference.Sid));
        var tail = _sim.ConferenceCallbacks.TakeLast(3).ToList();
        Assert.Equal(["participant-leave", "participant-leave", "conference-end"], tail.Select(c => c["StatusCallbackEvent"]));
        Assert.Equal("participant_hung_up", tail[0]["ReasonParticipantLeft"]);
        Assert.Equal(caller.Sid, tail[1]["CallSid"]);
        Assert.Equal("participant-with-end-conference-on-exit-left", tail[2]["ReasonConferenceEnded"]);
        Assert.Equal(agent.CallSid, tail[2]["CallSidEndingConference"]);
        var sequence = _sim.ConferenceCallbacks.Select(c => int.Parse(c["SequenceNumber"]!)).ToList();
        Assert.Equal(Enumerable.Range(1, sequence.Count), sequence);
    }

    [Fact]
    public void Without_end_conference_on_exit_the_room_outlives_a_leaving_agent_and_ends_with_its_last_participant()
    {
        var caller = _sim.PlaceCaller();
        var room = caller.ConferenceFriendlyName!;
        var agent = _sim.AddAnswered(room, "agent", "client:alice");

        _sim.Twilio.RemoveParticipant(room, "agent");

        Assert.Equal(CallStatus.Completed, _sim.Twilio.GetCall(agent.CallSid).Status);
        Assert.Equal("participant_kicked", _sim.ConferenceCallbacks.Last()["ReasonParticipantLeft"]);
        Assert.True(_sim.Twilio.Audibility(room).For("customer").HearsWaitMusic);

        _sim.Twilio.HangUp(caller.Sid);

        var conference = _sim.Twilio.GetConference(caller.ConferenceSid!);
        Assert.Equal(ConferenceStatus.Completed, conference.Status);
        Assert.Equal("last-participant-left", conference.ReasonConferenceEnded);
    }

    [Fact]
    public void A_completed_conference_lists_no_participants_and_a_new_dial_by_name_opens_a_new_room()
    {
        var caller = _sim.PlaceCaller();
        var room = caller.ConferenceFriendlyName!;
        _sim.AddAnswered(room, "agent", "client:alice");

        var ended = _sim.Twilio.UpdateConference(caller.ConferenceSid!, ConferenceStatus.Completed, null);

        Assert.Equal("conference-ended-via-api", ended.ReasonConferenceEnded);
        Assert.Empty(_sim.Twilio.ListParticipants(caller.ConferenceSid!));
        Assert.Equal(CallStatus.Completed, _sim.Twilio.GetCall(caller.Sid).Status);
        var error = Assert.Throws<SimulatorApiException>(() => _sim.Twilio.CreateParticipant(caller.ConferenceSid!, SimulatorHarness.Dial("client:bob")));
        Assert.Equal(20404, error.Code);
        var again = _sim.Twilio.CreateParticipant(room, SimulatorHarness.Dial("client:bob"));
        Assert.NotEqual(caller.ConferenceSid, again.ConferenceSid);
    }

    [Fact]
    public void A_251st_participant_and_a_reused_label_are_refused_like_twilio_does()
    {
        var caller = _sim.PlaceCaller();
        var room = caller.ConferenceFriendlyName!;
        for (var i = 0; i < SimulatedTwilio.MaxParticipants - 1; i++)
        {
            _sim.Twilio.CreateParticipant(room, SimulatorHarness.Dial($"client:agent{i}"));
        }

        var full = Assert.Throws<SimulatorApiException>(() => _sim.Twilio.CreateParticipant(room, SimulatorHarness.Dial("client:one-too-many")));
        Assert.Equal((400, TwilioErrorCodes.ConferenceFull), (full.Status, full.Code));
        Assert.Equal(250, _sim.Twilio.ListParticipants(room).Count);

    }

    [Fact]
    public void A_label_already_in_the_room_is_refused()
    {
        var caller = _sim.PlaceCaller();

        var duplicate = Assert.Throws<SimulatorApiException>(() =>
            _sim.Twilio.CreateParticipant(caller.ConferenceFriendlyName!, SimulatorHarness.Dial("client:alice", "customer")));

        Assert.Equal((400, TwilioErrorCodes.DuplicateLabel), (duplicate.Status, duplicate.Code));
        Assert.Single(_sim.Twilio.ListParticipants(caller.ConferenceSid!));
    }

    [Fact]
    public void Unknown_sids_are_twilio_404s()
    {
        Assert.Equal(20404, Assert.Throws<SimulatorApiException>(() => _sim.Twilio.GetCall("CA" + new string('0', 32))).Code);
        Assert.Equal(20404, Assert.Throws<SimulatorApiException>(() => _sim.Twilio.GetConference("CF" + new string('0', 32))).Code);
        var caller = _sim.PlaceCaller();
        var missing = Assert.Throws<SimulatorApiException>(() => _sim.Twilio.GetParticipant(caller.ConferenceSid!, "nobody"));
        Assert.Equal((404, 20404), (missing.Status, missing.Code));
    }
}
