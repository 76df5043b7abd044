using ContactCenter.Api.Conferences;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.EndToEnd;

public sealed class InboundCallScenarios
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_caller_waits_alone_with_music_and_the_history_outlives_the_call(bool chaos)
    {
        await using var live = LiveContactCenter.Start(chaos);

        var (caller, room) = await live.PlaceCallAsync();

        Assert.Equal("room-" + caller, room);
        var waiting = await live.RoomWhenAsync(room, r => r.Participants.Any(p => p.CallSid == caller && p.InRoom), "the caller is in the room");
        var customer = Assert.Single(waiting.Participants);
        Assert.Equal(ParticipantRole.Customer, customer.Role);
        Assert.False(customer.Hold);
        var audibility = await live.AudibilityAsync(room);
        Assert.True(audibility.For(caller).HearsWaitMusic);
        Assert.Empty(audibility.For(caller).Hears);

        await live.HangUpAsync(caller);

        var ended = await live.RoomWhenAsync(room, r => r.Status == ConferenceStatus.Ended, "the conference ended");
        Assert.False(Assert.Single(ended.Participants).InRoom);
        Assert.NotNull(ended.EndedAt);
        var timeline = await live.Admin.GetTimelineAsync(room);
        Assert.Equal(timeline.Select(e => e.SequenceNumber).Order(), timeline.Select(e => e.SequenceNumber));
        Assert.Contains(timeline, e => e.EventType == "conference-end");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_inbound_call_is_connected_to_an_agent(bool chaos)
    {
        await using var live = LiveContactCenter.Start(chaos);

        var (caller, room, alice) = await live.CallerWithAgentAsync();

        var connected = await live.RoomWhenAsync(room, r => r.Participants.Count == 2, "caller and agent recorded");
        Assert.Equal(ParticipantRole.Customer, connected.Participant(caller).Role);
        Assert.Equal(ParticipantRole.Agent, connected.Participant(alice).Role);
        Assert.True(connected.Participant(alice).EndConferenceOnExit);
        Assert.False(connected.Participant(caller).Hold);
        Assert.Equal(ConferenceStatus.Active, connected.Status);
    }
}
