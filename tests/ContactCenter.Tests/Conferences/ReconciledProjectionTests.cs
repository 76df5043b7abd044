using ContactCenter.Api.Conferences;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Conferences;

/// <summary>How the service's reconciliation markers fold into a room beside Twilio's own events.</summary>
public sealed class ReconciledProjectionTests
{
    private static readonly CallScenario Call = new(2);
    private static readonly DateTimeOffset ReconciledAt = CallScenario.At(600);

    private static List<StoredConferenceEvent> Twilio(IEnumerable<Dictionary<string, string>> forms) =>
    [
        .. forms.Select(f => new StoredConferenceEvent(
            f["ConferenceSid"], long.Parse(f["SequenceNumber"]), f["StatusCallbackEvent"], f.GetValueOrDefault("CallSid"),
            TwilioValues.ParseTimestamp(f["Timestamp"]), TwilioForms.Start, f)),
    ];

    private static StoredConferenceEvent Marker(string type, string? callSid, long after) => new(
        Call.ConferenceSid,
        callSid is null ? ReconciledEvents.ConferenceEndSequence : ReconciledEvents.ParticipantLeaveSequence(callSid),
        type, callSid, ReconciledAt, ReconciledAt,
        new Dictionary<string, string> { [ReconciledEvents.AfterSequenceField] = after.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static List<StoredConferenceEvent> ClosedAfterSix() =>
    [
        Marker(ReconciledEvents.ParticipantLeave, Call.CustomerCall, 6),
        Marker(ReconciledEvents.ParticipantLeave, Call.AgentCall, 6),
        Marker(ReconciledEvents.ParticipantLeave, Call.SupervisorCall, 6),
        Marker(ReconciledEvents.ConferenceEnd, null, 6),
    ];

    [Fact]
    public void Markers_close_a_room_whose_end_twilio_never_reported()
    {
        var room = RoomProjection.Apply(Call.ConferenceSid, [.. ClosedAfterSix(), .. Twilio(Call.ConferenceEvents().Take(6))]);

        Assert.Equal((ConferenceStatus.Ended, ReconciledAt, "reconciled"), (room.Status, room.EndedAt, room.EndReason));
        Assert.All(room.Participants, p => Assert.Equal((false, ReconciledAt, "reconciled"), (p.InRoom, p.LeftAt, p.ReasonLeft)));
        Assert.Equal(6, room.LastSequenceNumber);
    }

    [Fact]
    public void Twilios_own_end_and_leaves_win_over_markers_whatever_order_they_were_stored_in()
    {
        var withTwilio = RoomProjection.Apply(Call.ConferenceSid, [.. ClosedAfterSix(), .. Twilio(Call.ConferenceEvents())]);
        var twilioOnly = RoomProjection.Apply(Call.ConferenceSid, Twilio(Call.ConferenceEvents()));

        Assert.Equal(twilioOnly, withTwilio with { Participants = twilioOnly.Participants });
        Assert.Equal(twilioOnly.Participants, withTwilio.Participants);
    }

    [Fact]
    public void A_participant_who_joined_again_after_the_marker_was_written_stays_in_the_room()
    {
        var rejoin = TwilioForms.ParticipantEvent(Call.ConferenceSid, Call.Room, 7, "participant-join", CallScenario.At(700), Call.SupervisorCall, "supervisor-sam");
        var room = RoomProjection.Apply(Call.ConferenceSid,
            [Marker(ReconciledEvents.ParticipantLeave, Call.SupervisorCall, 6), .. Twilio([.. Call.ConferenceEvents().Take(6), rejoin])]);

        Assert.Equal(ConferenceStatus.Active, room.Status);
        Assert.All(room.Participants, p => Assert.True(p.InRoom));
    }
}
