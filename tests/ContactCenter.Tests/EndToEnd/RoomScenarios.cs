using ContactCenter.Api.Conferences;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.EndToEnd;

/// <summary>Agent, supervisor and room operations played through the admin API, each also with chaotic callbacks.</summary>
public sealed class RoomScenarios
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_supervisor_monitors_then_coaches_then_barges(bool chaos)
    {
        await using var live = LiveContactCenter.Start(chaos);
        var (caller, room, alice) = await live.CallerWithAgentAsync();

        var sam = await live.AddSupervisorAsync(room, "sam", "monitor");
        await live.RoomWhenAsync(room, r => Scenario.InRoom(r, sam), "sam joined");
        var monitoring = await live.AudibilityAsync(room);
        Assert.Empty(monitoring.For(sam).HeardBy);
        Assert.True(monitoring.Hears(sam, caller) && monitoring.Hears(sam, alice));
        await live.AssertTalkingAsync(room, caller, alice);

        await live.SetSupervisorModeAsync(room, sam, "coach");
        var coached = await live.RoomWhenAsync(room, r => r.Participant(sam).Coaching, "sam coaching");
        Assert.Equal(alice, coached.Participant(sam).CallSidToCoach);
        var coaching = await live.AudibilityAsync(room);
        Assert.Equal([alice], coaching.For(sam).HeardBy);
        Assert.False(coaching.Hears(caller, sam));
        await live.AssertTalkingAsync(room, caller, alice);

        await live.SetSupervisorModeAsync(room, sam, "barge");
        await live.RoomWhenAsync(room, r => !r.Participant(sam).Coaching && !r.Participant(sam).Muted, "sam barging");
        var barging = await live.AudibilityAsync(room);
        Assert.True(barging.Hears(caller, sam) && barging.Hears(alice, sam));

        var ended = await live.EndRoomAfterAsync(room);
        Assert.Equal(ParticipantRole.Supervisor, ended.Participant(sam).Role);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_removed_agent_leaves_the_caller_waiting_with_music(bool chaos)
    {
        await using var live = LiveContactCenter.Start(chaos);
        var (caller, room, alice) = await live.CallerWithAgentAsync();

        await live.RemoveAsync(room, alice);

        var after = await live.RoomWhenAsync(room, r => Scenario.Gone(r, alice), "alice removed");
        Assert.Equal(ConferenceStatus.Active, after.Status);
        Assert.True(Scenario.InRoom(after, caller));
        var heard = await live.AudibilityAsync(room);
        Assert.True(heard.For(caller).HearsWaitMusic);
        Assert.Empty(heard.For(caller).Hears);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ending_the_room_hangs_up_everyone_and_keeps_the_history(bool chaos)
    {
        await using var live = LiveContactCenter.Start(chaos);
        var (caller, room, alice) = await live.CallerWithAgentAsync();

        var ended = await live.EndRoomAfterAsync(room);

        Assert.All(ended.Participants, p => Assert.False(p.InRoom));
        Assert.Equal([caller, alice], ended.Participants.Select(p => p.CallSid));
        var timeline = await live.Admin.GetTimelineAsync(room);
        Assert.Equal("conference-end", timeline[^1].EventType);
        var audit = await live.Admin.GetOkAsync<List<ContactCenter.Api.Control.AuditEntry>>($"/admin/audit?room={room}");
        Assert.Equal(["conference.end", "agent.connect"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(ContactCenterFactory.AdminName, a.Actor));
    }
}

public static class RoomScenarioSteps
{
    /// <summary>Ops end the room; returns it once the service has recorded the end.</summary>
    public static async Task<ConferenceRoom> EndRoomAfterAsync(this LiveContactCenter live, string room)
    {
        await live.EndRoomAsync(room);
        return await live.RoomWhenAsync(room, r => r.Status == ConferenceStatus.Ended && r.Participants.All(p => !p.InRoom), "the room ended");
    }
}
