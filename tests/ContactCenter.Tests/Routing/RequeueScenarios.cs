using ContactCenter.Tests.Infrastructure;
using ContactCenter.Api.Conferences;
using ContactCenter.Tests.EndToEnd;

namespace ContactCenter.Tests.Routing;

/// <summary>Callers put back in a queue: cold transfers to a queue, and a routed caller left with no agent, end to end.</summary>
public sealed class RequeueScenarios
{
    /// <summary>support (alice, and bob when asked) on the number callers dial unless unrouted; sales (bob). Wrap-up 60 s.</summary>
    private static LiveContactCenter Start(bool chaos = false, bool bobInSupport = false, bool routed = true) => LiveContactCenter.Start(chaos,
    [
        ("Queues:0:Id", "support"), ("Queues:0:Name", "Support"), ("Queues:0:Numbers:0", routed ? "+18005550100" : "+18005550102"),
        ("Queues:0:Agents:0", "alice"), ("Queues:0:RingTimeoutSeconds", "5"), ("Queues:0:WrapUpSeconds", "60"),
        ("Queues:1:Id", "sales"), ("Queues:1:Name", "Sales"), ("Queues:1:Numbers:0", "+18005550101"), ("Queues:1:Agents:0", "bob"),
        ("Queues:1:RingTimeoutSeconds", "5"), ("Queues:1:WrapUpSeconds", "60"),
        ("Routing:Wait:MusicUrl", "https://music.example.com/wait.mp3"),
        .. (bobInSupport ? [("Queues:0:Agents:1", (string?)"bob")] : Array.Empty<(string, string?)>()),
    ]);

    private static async Task<(string Caller, string Room, string Alice)> RoutedToAliceAsync(LiveContactCenter live)
    {
        await live.SetPresenceAsync("alice", "available");
        var (caller, room) = await live.PlaceCallAsync();
        var connected = await live.RoomWhenAsync(room, r => r.Participants.Any(p => p.Role == ParticipantRole.Agent && p.InRoom), "alice joined");
        await live.AgentWhenAsync("alice", "on-call");
        return (caller, room, connected.Participants.Single(p => p.Role == ParticipantRole.Agent).CallSid);
    }

    private static Task<ConferenceRoom> AgentJoinedAsync(LiveContactCenter live, string room, string except) =>
        live.RoomWhenAsync(room, r => r.Participants.Any(p => p.Role == ParticipantRole.Agent && p.InRoom && p.CallSid != except), "a new agent joined");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cold_transfer_to_a_queue_waits_with_music_then_an_agent_of_that_queue_is_dialed_automatically(bool chaos)
    {
        await using var live = Start(chaos);
        var (caller, room, alice) = await RoutedToAliceAsync(live);

        var transfer = await live.StartTransferAsync(room, "cold", new { queue = "sales" });

        Assert.Equal(("queue", "sales", "completed"), (transfer.TargetKind, transfer.Target, transfer.State));
        await live.RoomWhenAsync(room, r => Scenario.Gone(r, alice) && Scenario.InRoom(r, caller), "alice left, the caller stays");
        await live.AgentWhenAsync("alice", "wrap-up");
        var sales = await RoutingHarness.WhenAsync(() => live.QueueAsync("sales"), q => q!.Waiting.Any(w => w.CallSid == caller), "the caller waits in sales");
        Assert.Equal("waiting", sales!.Waiting.Single().State);
        Assert.True((await live.AudibilityAsync(room)).For(caller).HearsWaitMusic);

        await live.SetPresenceAsync("bob", "available");

        var joined = await AgentJoinedAsync(live, room, alice);
        var bob = joined.Participants.Single(p => p.Role == ParticipantRole.Agent && p.InRoom).CallSid;
        await live.AssertTalkingAsync(room, caller, bob);
        await live.AgentWhenAsync("bob", "on-call");
    }

    [Fact]
    public async Task Cold_transfer_to_a_queue_from_an_unrouted_room_routes_the_caller_and_wraps_up_both_agents()
    {
        await using var live = Start(routed: false);
        await live.SetPresenceAsync("bob", "available");
        var (caller, room, alice) = await live.CallerWithAgentAsync();
        Assert.Equal("on-call", (await live.AgentWhenAsync("alice", "on-call")).Presence);

        await live.StartTransferAsync(room, "cold", new { queue = "sales" });

        var joined = await AgentJoinedAsync(live, room, alice);
        var bob = joined.Participants.Single(p => p.Role == ParticipantRole.Agent && p.InRoom).CallSid;
        await live.AssertTalkingAsync(room, caller, bob);
        await live.AgentWhenAsync("bob", "on-call");
        await live.AgentWhenAsync("alice", "wrap-up");

        await live.HangUpAsync(bob); // bob ends the call (EndConferenceOnExit): the room ends
        await live.RoomWhenAsync(room, r => r.Status == ConferenceStatus.Ended, "the room ended");
        await live.AgentWhenAsync("bob", "wrap-up");
    }

    [Fact]
    public async Task A_failed_cold_transfer_puts_the_caller_back_at_the_head_of_the_queue_ahead_of_a_later_caller()
    {
        await using var live = Start(bobInSupport: true);
        var (first, room, _) = await RoutedToAliceAsync(live);
        var (later, _) = await live.PlaceCallAsync("+14155551235");
        await live.QueueWhenAsync(q => q.Waiting.Count == 1, "the later caller waits");

        var transfer = await live.StartTransferAsync(room, "cold", new { number = "+14155550123" }); // busy

        Assert.Equal("busy", (await live.TransferWhenAsync(room, transfer.Id, "failed")).Reason);
        var waiting = await live.QueueWhenAsync(q => q.Waiting.Count == 2, "the first caller waits again");
        Assert.Equal([first, later], waiting!.Waiting.Select(w => w.CallSid));
        await live.AgentWhenAsync("alice", "wrap-up");

        await live.SetPresenceAsync("bob", "available");

        var joined = await AgentJoinedAsync(live, room, "none");
        await live.AssertTalkingAsync(room, first, joined.Participants.Single(p => p.Role == ParticipantRole.Agent && p.InRoom).CallSid);
        // Bob's join reaches the service's reaction after the simulator has the call connected: wait for it.
        var left = await live.QueueWhenAsync(q => q.Waiting.Count == 1, "the first caller is answered and leaves the line");
        Assert.Equal(later, left!.Waiting.Single().CallSid);
    }

    [Fact]
    public async Task A_removed_agent_sends_the_caller_back_to_the_queue_and_the_next_agent_takes_them()
    {
        await using var live = Start(bobInSupport: true);
        var (caller, room, alice) = await RoutedToAliceAsync(live);
        await live.SetPresenceAsync("bob", "available");

        await live.RemoveAsync(room, alice);

        var joined = await AgentJoinedAsync(live, room, alice);
        var bob = joined.Participants.Single(p => p.Role == ParticipantRole.Agent && p.InRoom).CallSid;
        Assert.True(Scenario.Gone(joined, alice));
        await live.AssertTalkingAsync(room, caller, bob);
        await live.AgentWhenAsync("bob", "on-call");
        await live.AgentWhenAsync("alice", "wrap-up");
        await RoutingHarness.WhenAsync(() => live.Admin.GetOkAsync<List<ContactCenter.Api.Control.AuditEntry>>($"/admin/audit?room={room}"),
            audit => audit.Any(a => a.Action == "queue.requeue" && a.Actor == "routing" && a.Target == caller), "the requeue audited");
    }
}
