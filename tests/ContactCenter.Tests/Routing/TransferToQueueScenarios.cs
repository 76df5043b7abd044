using System.Net;
using System.Net.Http.Json;
using ContactCenter.Api.Conferences;
using ContactCenter.Tests.EndToEnd;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Routing;

/// <summary>Transfers to a queue and the busy guard, end to end: the service on Kestrel, the simulator's phones.</summary>
public sealed class TransferToQueueScenarios
{
    /// <summary>support (alice) takes the calls; sales (bob, then nobody, whose phone never answers) takes transfers. Wrap-up 60 s.</summary>
    private static LiveContactCenter Start(bool chaos = false, params string[] salesAgents) => LiveContactCenter.Start(chaos,
    [
        ("Queues:0:Id", "support"), ("Queues:0:Name", "Support"), ("Queues:0:Numbers:0", "+18005550100"), ("Queues:0:Agents:0", "alice"),
        ("Queues:0:RingTimeoutSeconds", "5"), ("Queues:0:WrapUpSeconds", "60"), ("Queues:0:MaxNoAnswer", "3"),
        ("Queues:1:Id", "sales"), ("Queues:1:Name", "Sales"), ("Queues:1:Numbers:0", "+18005550101"),
        ("Queues:1:RingTimeoutSeconds", "5"), ("Queues:1:WrapUpSeconds", "60"), ("Queues:1:MaxNoAnswer", "3"),
        ("Routing:Wait:MusicUrl", "https://music.example.com/wait.mp3"),
        .. (salesAgents.Length == 0 ? ["bob"] : salesAgents).Select((a, i) => ($"Queues:1:Agents:{i}", (string?)a)),
    ]);

    /// <summary>A caller routed to alice, talking.</summary>
    private static async Task<(string Caller, string Room, string Alice)> RoutedCallAsync(LiveContactCenter live)
    {
        await live.SetPresenceAsync("alice", "available");
        var (caller, room) = await live.PlaceCallAsync();
        var connected = await live.RoomWhenAsync(room, r => r.Participants.Any(p => p.Role == ParticipantRole.Agent && p.InRoom), "alice joined");
        await live.AgentWhenAsync("alice", "on-call");
        return (caller, room, connected.Participants.Single(p => p.Role == ParticipantRole.Agent).CallSid);
    }

    private static Task<HttpResponseMessage> PostTransferAsync(LiveContactCenter live, string room, string type, object to) =>
        live.Admin.PostAsJsonAsync($"/admin/conferences/{room}/transfers", new { type, to });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Warm_transfer_to_a_queue_rings_its_agent_and_completes_with_the_first_agent_in_wrap_up(bool chaos)
    {
        await using var live = Start(chaos);
        var (caller, room, alice) = await RoutedCallAsync(live);
        await live.SetPresenceAsync("bob", "available");

        var transfer = await live.StartTransferAsync(room, "warm", new { queue = "sales" });

        Assert.Equal(("agent", "bob"), (transfer.TargetKind, transfer.Target));
        var bob = transfer.TargetCallSid!;
        await live.TransferWhenAsync(room, transfer.Id, "connected");
        await live.AgentWhenAsync("bob", "on-call");
        await live.RoomWhenAsync(room, r => Scenario.InRoom(r, bob) && r.Participant(caller).Hold, "bob joined, the caller on hold");
        Assert.Equal("on-call", (await live.AgentAsync("alice")).Presence);

        await live.TransferActionAsync(room, transfer.Id, "complete");

        await live.RoomWhenAsync(room, r => Scenario.Gone(r, alice) && !r.Participant(caller).Hold, "alice left, the caller off hold");
        await live.AssertTalkingAsync(room, caller, bob);
        var wrapping = await live.AgentWhenAsync("alice", "wrap-up");
        Assert.NotNull(wrapping.WrapUpUntil);
        Assert.Equal("on-call", (await live.AgentAsync("bob")).Presence);
        var audit = await live.Admin.GetOkAsync<List<ContactCenter.Api.Control.AuditEntry>>($"/admin/audit?room={room}");
        Assert.Contains(audit, a => a.Action == "transfer.start.warm" && a.Target == "queue:sales" && a.Detail!.Contains("agent bob", StringComparison.Ordinal));

        await live.HangUpAsync(caller);
        await live.AgentWhenAsync("bob", "wrap-up");
    }

    [Fact]
    public async Task Warm_transfer_to_a_queue_with_no_free_agent_is_refused_and_nothing_is_dialed()
    {
        await using var live = Start();
        var (caller, room, alice) = await RoutedCallAsync(live);

        var response = await PostTransferAsync(live, room, "warm", new { queue = "sales" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("no available agent in queue sales", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await live.SettledAsync();
        var after = await live.RoomAsync(room);
        Assert.Equal([caller, alice], after.Participants.Select(p => p.CallSid));
        Assert.False(after.Participant(caller).Hold);
        Assert.Equal("offline", (await live.AgentAsync("bob")).Presence);
    }

    [Fact]
    public async Task A_queue_agent_who_does_not_answer_is_released_with_a_miss_and_the_caller_is_back_with_alice()
    {
        await using var live = Start(false, "nobody");
        var (caller, room, alice) = await RoutedCallAsync(live);
        await live.SetPresenceAsync("nobody", "available");

        var transfer = await live.StartTransferAsync(room, "warm", new { queue = "sales" });
        Assert.Equal("nobody", transfer.Target);
        Assert.Equal("ringing", (await live.AgentAsync("nobody")).Presence);

        Assert.Equal("no-answer", (await live.TransferWhenAsync(room, transfer.Id, "failed")).Reason);
        var released = await live.AgentWhenAsync("nobody", "available");
        Assert.Equal(1, released.ConsecutiveMisses);
        await live.RoomWhenAsync(room, r => !r.Participant(caller).Hold && r.Participant(alice).EndConferenceOnExit == true, "the caller back with alice");
        await live.AssertTalkingAsync(room, caller, alice);
        Assert.Equal("on-call", (await live.AgentAsync("alice")).Presence);
    }

    [Fact]
    public async Task A_transfer_to_the_rooms_own_agent_or_an_agent_on_another_call_is_refused()
    {
        await using var live = Start();
        var (_, room, _) = await RoutedCallAsync(live);

        var self = await PostTransferAsync(live, room, "warm", new { agent = "alice" });
        var unknown = await PostTransferAsync(live, room, "warm", new { queue = "billing" });
        var two = await PostTransferAsync(live, room, "warm", new { agent = "bob", queue = "sales" });

        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Contains("Agent is busy", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, two.StatusCode);
        Assert.Equal(2, (await live.RoomAsync(room)).Participants.Count);
    }

    [Fact]
    public async Task An_agent_connected_by_hand_rings_then_is_on_call_then_wraps_up_and_cannot_be_dialed_twice()
    {
        await using var live = Start();
        var (caller, room) = await live.PlaceCallAsync();
        var (_, otherRoom) = await live.PlaceCallAsync("+14155551235");
        await live.QueueWhenAsync(q => q.Waiting.Count == 2, "both callers wait");

        var alice = await live.ConnectAgentAsync(room, "alice");
        var second = await live.Admin.PostAsJsonAsync($"/admin/conferences/{otherRoom}/agents", new { agent = "alice" });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        await live.AgentWhenAsync("alice", "on-call");
        await live.AssertTalkingAsync(room, caller, alice);
        Assert.DoesNotContain((await live.RoomAsync(otherRoom)).Participants, p => p.Role == ParticipantRole.Agent);

        await live.HangUpAsync(alice);
        var wrapping = await live.AgentWhenAsync("alice", "wrap-up");
        Assert.NotNull(wrapping.WrapUpUntil);
    }

    [Fact]
    public async Task A_waiting_caller_connected_by_hand_leaves_the_line_and_no_second_agent_is_dialed_for_them()
    {
        await using var live = Start(false, "bob");
        var (caller, room) = await live.PlaceCallAsync();
        await live.QueueWhenAsync(q => q.Waiting.Count == 1, "the caller waits: nobody of support is available");

        var bob = await live.ConnectAgentAsync(room, "bob");
        await live.AgentWhenAsync("bob", "on-call");
        var answered = await live.QueueWhenAsync(q => q.Waiting.Count == 0, "the caller left the line once bob joined");
        await live.SetPresenceAsync("alice", "available");
        await Task.Delay(TimeSpan.FromSeconds(2)); // two dispatch sweeps: alice must not be rung for a caller who is talking

        Assert.Equal(1, answered!.Today.Answered);
        Assert.Equal("available", (await live.AgentAsync("alice")).Presence);
        await live.AssertTalkingAsync(room, caller, bob);
        Assert.Single((await live.RoomAsync(room)).Participants, p => p.Role == ParticipantRole.Agent);
    }

    [Fact]
    public async Task A_transfer_to_a_queue_with_routing_off_is_a_conflict()
    {
        await using var live = LiveContactCenter.Start();
        var (_, room, _) = await live.CallerWithAgentAsync();

        var response = await PostTransferAsync(live, room, "warm", new { queue = "sales" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Routing is off", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
