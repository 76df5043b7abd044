using ContactCenter.Api.Conferences;
using System.Net.Http.Json;
using ContactCenter.Api.Routing;
using ContactCenter.Tests.Infrastructure;
using ContactCenter.TwilioSimulator;
using Microsoft.Extensions.DependencyInjection;
using ContactCenter.Tests.EndToEnd;

namespace ContactCenter.Tests.Routing;

/// <summary>Automatic call distribution end to end: the service on Kestrel, the Twilio simulator's phones, no human action.</summary>
public sealed class RoutingScenarios
{
    [Fact]
    public async Task A_caller_to_a_queue_number_reaches_an_available_agent_with_no_human_action()
    {
        await using var live = RoutingHarness.Start(["alice"]);
        await live.SetPresenceAsync("alice", "available");

        var (caller, room) = await live.PlaceCallAsync();

        var connected = await live.RoomWhenAsync(room, r => r.Participants.Any(p => p.Role == ParticipantRole.Agent && p.InRoom), "an agent joined");
        var agentLeg = connected.Participants.Single(p => p.Role == ParticipantRole.Agent).CallSid;
        await live.AssertTalkingAsync(room, caller, agentLeg);
        await live.AgentWhenAsync("alice", "on-call");
        var queue = await live.QueueAsync();
        Assert.Empty(queue!.Waiting);
        Assert.Equal(1, queue.Today.Answered);
        var warnings = live.Logs.Events.Where(e => e.Level >= Serilog.Events.LogEventLevel.Warning).Select(e => e.RenderMessage())
            .Where(m => !m.Contains("TWILIO SIMULATOR ACTIVE", StringComparison.Ordinal) && !m.Contains("sign in to the console", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 0, string.Join('\n', warnings));
        Assert.DoesNotContain(live.Logs.Rendered, line => line.Contains(LiveContactCenter.CallerNumber, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_callers_and_one_agent_are_served_first_come_first_served_when_the_agent_becomes_available(bool chaos)
    {
        await using var live = RoutingHarness.Start(chaos, ["alice"]);
        var (first, firstRoom) = await live.PlaceCallAsync();
        await live.QueueWhenAsync(q => q.Waiting.Count == 1, "the first caller waits");
        var (second, secondRoom) = await live.PlaceCallAsync("+14155551235");
        var waiting = await live.QueueWhenAsync(q => q.Waiting.Count == 2, "both callers wait");
        Assert.Equal([first, second], waiting!.Waiting.Select(w => w.CallSid));
        var positions = live.Services.GetRequiredService<IQueuePositions>();
        Assert.Equal(new QueuePosition("support", 2, 2, null), await positions.GetAsync(second, CancellationToken.None));
        Assert.Null(await positions.GetAsync("CA00000000000000000000000000000000", CancellationToken.None));

        await live.SetPresenceAsync("alice", "available");

        await live.RoomWhenAsync(firstRoom, r => r.Participants.Any(p => p.Role == ParticipantRole.Agent && p.InRoom), "alice took the first caller");
        var queue = await live.QueueWhenAsync(q => q.Waiting.Count == 1, "the second caller still waits");
        Assert.Equal(second, queue!.Waiting.Single().CallSid);
        Assert.Equal(1, queue.Waiting.Single().Position);
        var secondRoomNow = await live.RoomAsync(secondRoom);
        Assert.DoesNotContain(secondRoomNow.Participants, p => p.Role == ParticipantRole.Agent);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_caller_to_a_higher_priority_number_is_served_before_an_earlier_caller(bool chaos)
    {
        await using var live = RoutingHarness.Start(chaos, ["alice"], ("Queues:0:Numbers:1:Number", "+18005550199"), ("Queues:0:Numbers:1:Priority", "5"));
        var (_, earlierRoom) = await live.PlaceCallAsync();
        await live.QueueWhenAsync(q => q.Waiting.Count == 1, "the earlier caller waits");
        var placed = await live.Http.PostAsJsonAsync("/sim/calls", new { from = "+14155551235", to = "+18005550199" });
        var vip = (await placed.Content.ReadFromJsonAsync<PlacedCall>(ServiceClients.Json))!;
        var waiting = await live.QueueWhenAsync(q => q.Waiting.Count == 2, "both callers wait");
        Assert.Equal((vip.CallSid, 5), (waiting!.Waiting[0].CallSid, waiting.Waiting[0].Priority));

        await live.SetPresenceAsync("alice", "available");

        await live.RoomWhenAsync(vip.FriendlyName!, r => r.Participants.Any(p => p.Role == ParticipantRole.Agent && p.InRoom), "alice took the priority caller");
        Assert.DoesNotContain((await live.RoomAsync(earlierRoom)).Participants, p => p.Role == ParticipantRole.Agent);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_longest_idle_agent_gets_the_call(bool chaos)
    {
        await using var live = RoutingHarness.Start(chaos, ["alice", "bob"]);
        await live.SetPresenceAsync("bob", "available");
        await Task.Delay(20);
        await live.SetPresenceAsync("alice", "available");

        var (_, room) = await live.PlaceCallAsync();

        await live.RoomWhenAsync(room, r => r.Participants.Any(p => p.Role == ParticipantRole.Agent && p.InRoom), "an agent joined");
        await live.AgentWhenAsync("bob", "on-call"); // the join's reaction runs after the room shows the agent
        Assert.Equal("available", (await live.AgentAsync("alice")).Presence);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_agent_who_does_not_answer_is_skipped_and_sent_away_after_max_no_answer(bool chaos)
    {
        await using var live = RoutingHarness.Start(chaos, ["nobody", "alice"], ("Queues:0:MaxNoAnswer", "1"));
        await live.SetPresenceAsync("nobody", "available");
        await Task.Delay(20);
        await live.SetPresenceAsync("alice", "available");

        var (caller, room) = await live.PlaceCallAsync();

        await live.AgentWhenAsync("nobody", "ringing");
        var connected = await live.RoomWhenAsync(room, r => r.Participants.Any(p => p.Role == ParticipantRole.Agent && p.InRoom), "alice joined after nobody rang out");
        var away = await live.AgentWhenAsync("nobody", "away");
        Assert.Equal("missed-calls", away.Reason);
        Assert.Equal(1, away.ConsecutiveMisses);
        await live.AgentWhenAsync("alice", "on-call");
        Assert.DoesNotContain(live.Logs.Events, e => e.Level >= Serilog.Events.LogEventLevel.Error);
        await live.AssertTalkingAsync(room, caller, connected.Participants.Single(p => p.Role == ParticipantRole.Agent && p.InRoom).CallSid);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_caller_who_hangs_up_while_waiting_is_counted_abandoned(bool chaos)
    {
        await using var live = RoutingHarness.Start(chaos, ["alice"]);
        var (caller, _) = await live.PlaceCallAsync();
        await live.QueueWhenAsync(q => q.Waiting.Count == 1, "the caller waits");

        await live.HangUpAsync(caller);

        var queue = await live.QueueWhenAsync(q => q.Today.Abandoned == 1, "the caller abandoned");
        Assert.Empty(queue!.Waiting);
        await live.SetPresenceAsync("alice", "available");
        await Task.Delay(1500); // a sweep or two: nobody is left to offer
        Assert.Equal("available", (await live.AgentAsync("alice")).Presence);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_caller_who_hangs_up_while_the_agent_rings_leaves_no_ringing_leg_and_the_agent_available(bool chaos)
    {
        await using var live = RoutingHarness.Start(chaos, ["nobody"], ("Queues:0:RingTimeoutSeconds", "30"));
        await live.SetPresenceAsync("nobody", "available");
        var (caller, _) = await live.PlaceCallAsync();
        var offered = await live.QueueWhenAsync(q => q.Waiting.Count == 1 && q.Waiting[0].OfferedCallSid is not null, "the caller is offered");
        var leg = offered!.Waiting[0].OfferedCallSid!;
        Assert.Equal("ringing", (await live.AgentAsync("nobody")).Presence);
        Assert.Equal("ringing", (await live.SimCallAsync(leg)).Status);

        await live.HangUpAsync(caller);

        var available = await live.AgentWhenAsync("nobody", "available");
        Assert.Equal(0, available.ConsecutiveMisses);
        var queue = await live.QueueWhenAsync(q => q.Today.Abandoned == 1, "the caller abandoned");
        Assert.Empty(queue!.Waiting);
        var ended = await RoutingHarness.WhenAsync(() => live.SimCallAsync(leg), c => c.Status != "ringing", "the agent leg stops ringing");
        Assert.Contains(ended.Status, new[] { "canceled", "completed", "no-answer" });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_agent_wraps_up_for_the_configured_time_before_the_next_call(bool chaos)
    {
        await using var live = RoutingHarness.Start(chaos, ["alice"], ("Queues:0:WrapUpSeconds", "2"));
        await live.SetPresenceAsync("alice", "available");
        var (first, firstRoom) = await live.PlaceCallAsync();
        await live.RoomWhenAsync(firstRoom, r => r.Participants.Any(p => p.Role == ParticipantRole.Agent && p.InRoom), "alice took the first call");

        await live.HangUpAsync(first);

        var wrapUp = await live.AgentWhenAsync("alice", "wrap-up");
        Assert.NotNull(wrapUp.WrapUpUntil);
        var (_, secondRoom) = await live.PlaceCallAsync("+14155551235");
        await live.QueueWhenAsync(q => q.Waiting.Count == 1, "the second caller waits");
        Assert.Equal("wrap-up", (await live.AgentAsync("alice")).Presence);
        Assert.True(wrapUp.WrapUpUntil > DateTimeOffset.UtcNow.AddMilliseconds(500), "the second call came well inside the wrap-up");
        Assert.Equal("waiting", (await live.QueueAsync())!.Waiting.Single().State);

        await live.RoomWhenAsync(secondRoom, r => r.Participants.Any(p => p.Role == ParticipantRole.Agent && p.InRoom), "alice took the second call after wrap-up");
        Assert.True(DateTimeOffset.UtcNow >= wrapUp.WrapUpUntil!.Value.AddMilliseconds(-50));
    }

    [Fact]
    public async Task A_caller_past_the_max_wait_is_taken_out_of_line_and_handed_to_the_max_wait_action_once()
    {
        var action = new RecordingMaxWaitAction();
        await using var live = LiveContactCenter.Start(false, s => s.AddSingleton<IMaxWaitAction>(action),
        [
            ("Queues:0:Id", "support"), ("Queues:0:Numbers:0", "+18005550100"), ("Queues:0:Agents:0", "alice"),
            ("Queues:0:MaxWaitSeconds", "1"), ("Queues:0:MaxWaitAction", "overflow"), ("Queues:0:OverflowNumber", "+14155550124"),
        ]);
        var (caller, _) = await live.PlaceCallAsync();

        var handed = await action.Handed.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal((caller, "support", "overflow"), (handed.Entry.CallerCallSid, handed.Entry.QueueId, handed.Action));
        Assert.StartsWith("CF", handed.Entry.ConferenceSid, StringComparison.Ordinal);
        var queue = await live.QueueAsync();
        Assert.Empty(queue!.Waiting);
        await live.SetPresenceAsync("alice", "available");
        await Task.Delay(1500); // a sweep or two: the caller is no longer offered
        Assert.Equal("available", (await live.AgentAsync("alice")).Presence);
        Assert.Equal(1, action.Count);
    }

    private sealed class RecordingMaxWaitAction : IMaxWaitAction
    {
        private int _count;

        public TaskCompletionSource<(QueueEntryView Entry, string Action)> Handed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Count => _count;

        public Task RunAsync(QueueEntryView entry, string action, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            Handed.TrySetResult((entry, action));
            return Task.CompletedTask;
        }
    }
}
