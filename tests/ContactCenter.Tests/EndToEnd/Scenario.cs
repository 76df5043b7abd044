using ContactCenter.Api.Conferences;

namespace ContactCenter.Tests.EndToEnd;

/// <summary>Steps shared by the scenarios: a caller talking to an agent, and who-hears-whom checks.</summary>
public static class Scenario
{
    /// <summary>A caller dials in and ops connect alice; returns when both are in the room and hear each other.</summary>
    public static async Task<(string Caller, string Room, string Agent)> CallerWithAgentAsync(this LiveContactCenter live)
    {
        var (caller, room) = await live.PlaceCallAsync();
        await live.RoomWhenAsync(room, r => InRoom(r, caller), "the caller is in the room");
        var agent = await live.ConnectAgentAsync(room, "alice");
        await live.RoomWhenAsync(room, r => InRoom(r, agent), "alice joined");
        await live.AssertTalkingAsync(room, caller, agent);
        return (caller, room, agent);
    }

    public static bool InRoom(ConferenceRoom room, string callSid) => room.Participants.Any(p => p.CallSid == callSid && p.InRoom);

    public static bool Gone(ConferenceRoom room, string callSid) => room.Participants.All(p => p.CallSid != callSid || !p.InRoom);

    public static RoomParticipant Participant(this ConferenceRoom room, string callSid) => room.Participants.Single(p => p.CallSid == callSid);

    /// <summary>The two hear each other and the caller hears no music.</summary>
    public static async Task AssertTalkingAsync(this LiveContactCenter live, string room, string caller, string other)
    {
        var heard = await live.AudibilityAsync(room);
        Assert.True(heard.Hears(caller, other), "the caller should hear " + other);
        Assert.True(heard.Hears(other, caller), other + " should hear the caller");
        Assert.False(heard.For(caller).HearsHoldMusic);
        Assert.False(heard.For(caller).HearsWaitMusic);
    }

    /// <summary>A caller on hold hears the hold music and nobody, and nobody hears them.</summary>
    public static async Task AssertCallerOnHoldAsync(this LiveContactCenter live, string room, string caller)
    {
        var heard = await live.AudibilityAsync(room);
        Assert.True(heard.For(caller).HearsHoldMusic);
        Assert.Empty(heard.For(caller).Hears);
        Assert.Empty(heard.For(caller).HeardBy);
    }
}
