using ContactCenter.Api.Conferences;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Conferences;

public sealed class RoomProjectionTests
{
    private static readonly CallScenario Call = new(1);

    private static List<StoredConferenceEvent> Events(IEnumerable<Dictionary<string, string>> forms) =>
    [
        .. forms.Select(f => new StoredConferenceEvent(
            f["ConferenceSid"], long.Parse(f["SequenceNumber"]), f["StatusCallbackEvent"], f.GetValueOrDefault("CallSid"),
            TwilioValues.ParseTimestamp(f["Timestamp"]), TwilioForms.Start, f)),
    ];

    [Fact]
    public void The_realistic_call_ends_with_everyone_gone_and_each_participant_described()
    {
        var room = RoomProjection.Apply(Call.ConferenceSid, Events(Call.ConferenceEvents()));

        Assert.Equal(ConferenceStatus.Ended, room.Status);
        Assert.Equal(CallScenario.At(0), room.StartedAt);
        Assert.Equal(CallScenario.At(182), room.EndedAt);
        Assert.Equal("participant-with-end-conference-on-exit-left", room.EndReason);
        Assert.Equal(Call.AgentCall, room.CallSidEndingConference);
        Assert.Equal(10, room.LastSequenceNumber);
        Assert.Equal([ParticipantRole.Customer, ParticipantRole.Agent, ParticipantRole.Supervisor], room.Participants.Select(p => p.Role));
        Assert.All(room.Participants, p => Assert.False(p.InRoom));
        var supervisor = room.Participants[2];
        Assert.True(supervisor.Coaching);
        Assert.Equal(Call.AgentCall, supervisor.CallSidToCoach);
        Assert.Equal("participant_hung_up", room.Participants[1].ReasonLeft);
        Assert.Equal(CallScenario.At(180), room.Participants[1].LeftAt);
    }

    [Fact]
    public void Every_permutation_of_the_first_seven_events_with_a_duplicate_gives_the_same_room()
    {
        var events = Events(Call.ConferenceEvents().Take(7));
        var expected = Describe(RoomProjection.Apply(Call.ConferenceSid, events));
        var count = 0;
        foreach (var permutation in Permutations(events))
        {
            var withDuplicate = permutation.Append(permutation[count % permutation.Count]);
            Assert.Equal(expected, Describe(RoomProjection.Apply(Call.ConferenceSid, withDuplicate)));
            count++;
        }

        Assert.Equal(5040, count);
        Assert.Contains("customer", expected);
    }

    [Fact]
    public void Mid_call_the_customer_is_on_hold_and_the_coach_is_coaching_the_agent()
    {
        var forms = Call.ConferenceEvents();
        var onHold = RoomProjection.Apply(Call.ConferenceSid, Events(forms.Take(4)));
        Assert.Equal(ConferenceStatus.Active, onHold.Status);
        Assert.True(onHold.Participants.Single(p => p.Role == ParticipantRole.Customer).Hold);

        var coached = RoomProjection.Apply(Call.ConferenceSid, Events(forms.Take(6)));
        Assert.False(coached.Participants.Single(p => p.Role == ParticipantRole.Customer).Hold);
        Assert.All(coached.Participants, p => Assert.True(p.InRoom));
        Assert.Equal(Call.AgentCall, coached.Participants.Single(p => p.Role == ParticipantRole.Supervisor).CallSidToCoach);
    }

    [Fact]
    public void Modify_mute_and_unknown_events_update_flags_or_are_ignored()
    {
        var forms = Call.ConferenceEvents().Take(6).ToList();
        var modify = TwilioForms.ParticipantEvent(Call.ConferenceSid, Call.Room, 11, "participant-modify", CallScenario.At(150), Call.SupervisorCall, "supervisor-sam");
        var mute = TwilioForms.ParticipantEvent(Call.ConferenceSid, Call.Room, 12, "participant-mute", CallScenario.At(151), Call.CustomerCall, "customer", muted: true);
        var unknown = TwilioForms.ConferenceEvent(Call.ConferenceSid, Call.Room, 13, "conference-reticulate", CallScenario.At(152));
        var room = RoomProjection.Apply(Call.ConferenceSid, Events([.. forms, modify, mute, unknown]));

        var supervisor = room.Participants.Single(p => p.Role == ParticipantRole.Supervisor);
        Assert.False(supervisor.Coaching);
        Assert.Null(supervisor.CallSidToCoach);
        Assert.True(room.Participants.Single(p => p.Role == ParticipantRole.Customer).Muted);
        Assert.Equal(ConferenceStatus.Active, room.Status);
        Assert.Equal(13, room.LastSequenceNumber);
    }

    [Theory]
    [InlineData("customer", ParticipantRole.Customer)]
    [InlineData("agent", ParticipantRole.Agent)]
    [InlineData("agent-bob", ParticipantRole.Agent)]
    [InlineData("transfer-target", ParticipantRole.TransferTarget)]
    [InlineData("transfer-target-2", ParticipantRole.TransferTarget)]
    [InlineData("supervisor-sam", ParticipantRole.Supervisor)]
    [InlineData("agentsmith", ParticipantRole.Other)]
    [InlineData("transfer", ParticipantRole.Other)]
    [InlineData(null, ParticipantRole.Other)]
    public void Role_comes_from_the_label_prefix(string? label, ParticipantRole role) => Assert.Equal(role, RoomProjection.RoleOf(label));

    [Theory]
    [InlineData("Mon, 23 Nov 2026 21:00:00 +0000", "2026-11-23T21:00:00Z")]
    [InlineData("Mon, 23 Nov 2026 22:30:05 +0130", "2026-11-23T21:00:05Z")]
    [InlineData("not a date", null)]
    [InlineData("", null)]
    public void Twilio_timestamps_are_read_as_utc(string value, string? expected) =>
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected), TwilioValues.ParseTimestamp(value));

    private static string Describe(ConferenceRoom room) => System.Text.Json.JsonSerializer.Serialize(room);

    private static IEnumerable<List<T>> Permutations<T>(List<T> items)
    {
        if (items.Count <= 1)
        {
            yield return [.. items];
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, index) => index != i).ToList();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
