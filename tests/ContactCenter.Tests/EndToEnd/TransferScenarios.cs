using System.Net.Http.Json;
using ContactCenter.Api.Conferences;

namespace ContactCenter.Tests.EndToEnd;

/// <summary>Whole transfers played through the admin API against the simulator, each also with chaotic callbacks.</summary>
public sealed class TransferScenarios
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Warm_transfer_completed_hands_the_caller_to_bob(bool chaos)
    {
        await using var live = LiveContactCenter.Start(chaos);
        var (caller, room, alice) = await live.CallerWithAgentAsync();

        var transfer = await live.StartTransferAsync(room, "warm", new { agent = "bob" });
        var bob = transfer.TargetCallSid!;
        await live.TransferWhenAsync(room, transfer.Id, "connected");
        await live.RoomWhenAsync(room, r => Scenario.InRoom(r, bob) && r.Participant(caller).Hold, "bob joined, the caller on hold");

        // The briefing: the agents talk, the caller hears music and neither of them.
        var briefing = await live.AudibilityAsync(room);
        Assert.True(briefing.Hears(alice, bob) && briefing.Hears(bob, alice));
        await live.AssertCallerOnHoldAsync(room, caller);

        await live.TransferActionAsync(room, transfer.Id, "complete");

        var after = await live.RoomWhenAsync(room, r => Scenario.Gone(r, alice) && !r.Participant(caller).Hold, "alice left, the caller off hold");
        Assert.True(Scenario.InRoom(after, bob));
        await live.AssertTalkingAsync(room, caller, bob);
        Assert.Equal("completed", (await live.TransferWhenAsync(room, transfer.Id, "completed")).State);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Warm_transfer_nobody_answers_and_the_caller_is_back_with_alice(bool chaos)
    {
        await using var live = LiveContactCenter.Start(chaos);
        var (caller, room, alice) = await live.CallerWithAgentAsync();

        var transfer = await live.StartTransferAsync(room, "warm", new { agent = "nobody" });
        await live.AssertCallerOnHoldAsync(room, caller);

        var failed = await live.TransferWhenAsync(room, transfer.Id, "failed");
        Assert.Equal("no-answer", failed.Reason);
        // The recovery's two requests (caller off hold, then alice ending the call on exit) show up as two callbacks, in any order.
        var after = await live.RoomWhenAsync(room, r => !r.Participant(caller).Hold && r.Participant(alice).EndConferenceOnExit == true,
            "the caller off hold and alice ending the call on exit");
        Assert.True(Scenario.InRoom(after, alice));
        await live.AssertTalkingAsync(room, caller, alice);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Warm_transfer_cancelled_during_the_briefing(bool chaos)
    {
        await using var live = LiveContactCenter.Start(chaos);
        var (caller, room, alice) = await live.CallerWithAgentAsync();
        var transfer = await live.StartTransferAsync(room, "warm", new { agent = "bob" });
        await live.TransferWhenAsync(room, transfer.Id, "connected");

        var cancelled = await live.TransferActionAsync(room, transfer.Id, "cancel");

        Assert.Equal("cancelled", cancelled.State);
        var after = await live.RoomWhenAsync(room, r => Scenario.Gone(r, transfer.TargetCallSid!) && !r.Participant(caller).Hold, "bob removed, the caller off hold");
        Assert.True(Scenario.InRoom(after, alice));
        await live.AssertTalkingAsync(room, caller, alice);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cold_transfer_to_an_allowed_number(bool chaos)
    {
        await using var live = LiveContactCenter.Start(chaos);
        var (caller, room, alice) = await live.CallerWithAgentAsync();

        var transfer = await live.StartTransferAsync(room, "cold", new { number = "+14155550124" });

        Assert.Equal("+*******0124", transfer.Target);
        await live.TransferWhenAsync(room, transfer.Id, "completed");
        var after = await live.RoomWhenAsync(room, r => Scenario.Gone(r, alice) && Scenario.InRoom(r, transfer.TargetCallSid!) && !r.Participant(caller).Hold, "the number joined, the caller off hold");
        Assert.Equal(ParticipantRole.TransferTarget, after.Participant(transfer.TargetCallSid!).Role);
        await live.AssertTalkingAsync(room, caller, transfer.TargetCallSid!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cold_transfer_to_a_busy_number_takes_the_caller_off_hold(bool chaos)
    {
        await using var live = LiveContactCenter.Start(chaos);
        var (caller, room, alice) = await live.CallerWithAgentAsync();

        var transfer = await live.StartTransferAsync(room, "cold", new { number = "+14155550123" });

        Assert.Equal("busy", (await live.TransferWhenAsync(room, transfer.Id, "failed")).Reason);
        var after = await live.RoomWhenAsync(room, r => Scenario.Gone(r, alice) && !r.Participant(caller).Hold, "the caller off hold");
        Assert.True(Scenario.InRoom(after, caller));
        Assert.False((await live.AudibilityAsync(room)).For(caller).HearsHoldMusic);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_caller_hangs_up_while_the_target_rings(bool chaos)
    {
        await using var live = LiveContactCenter.Start(chaos);
        var (caller, room, _) = await live.CallerWithAgentAsync();
        var transfer = await live.StartTransferAsync(room, "warm", new { agent = "nobody" });

        await live.HangUpAsync(caller);

        Assert.Equal("caller-hung-up", (await live.TransferWhenAsync(room, transfer.Id, "failed")).Reason);
        // The reaction hangs the target up after it marked the transfer failed, in the background: wait for the leg to end.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        ContactCenter.TwilioSimulator.CallSnapshot? leg;
        while ((leg = await live.Http.GetFromJsonAsync<ContactCenter.TwilioSimulator.CallSnapshot>($"/sim/calls/{transfer.TargetCallSid}", Infrastructure.ServiceClients.Json))!
            .Status is "ringing" or "in-progress" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.NotEqual("ringing", leg!.Status);
        Assert.NotEqual("in-progress", leg.Status);
    }

    [Fact]
    public async Task A_number_off_the_allow_list_is_refused_and_never_dialed()
    {
        await using var live = LiveContactCenter.Start();
        var (caller, room, alice) = await live.CallerWithAgentAsync();

        var response = await live.Admin.PostAsJsonAsync($"/admin/conferences/{room}/transfers", new { type = "cold", to = new { number = "+19005550199" } });

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        await live.AssertTalkingAsync(room, caller, alice);
        Assert.Equal(2, (await live.RoomAsync(room)).Participants.Count);
    }
}
