using ContactCenter.Api.Conferences;
using ContactCenter.Tests.EndToEnd;
using ContactCenter.Tests.Routing;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Tests.Browser;

/// <summary>Transfers started from the agent desk in Chromium; the second agent signs in in another browser context.</summary>
[Trait("Category", "Integration")]
public sealed class AgentDeskTransferTests
{
    [Fact]
    public async Task A_cold_transfer_to_an_agent_hands_the_caller_over_and_the_first_agent_wraps_up_with_a_note()
    {
        await using var live = DeskSteps.Start(["alice", "bob"]);
        await using var browser = await ConsoleBrowser.StartAsync();
        var alice = await browser.SignInAsync(live, "alice");
        var bob = await browser.SignInAsync(live, "bob");
        var (caller, room, first) = await DeskSteps.TakeCallAsync(live, alice);
        await DeskSteps.GoAvailableAsync(bob);

        await DeskSteps.TransferAsync(alice, "cold", "agent", "bob");

        await Expect(bob.Locator("#call")).ToBeVisibleAsync(ConsoleBrowser.Shown);
        await Expect(alice.Locator("#wrap-up")).ToBeVisibleAsync(ConsoleBrowser.Shown);
        await Expect(alice.Locator("#presence-now")).ToHaveTextAsync("wrap-up", ConsoleBrowser.Live);
        var after = await live.RoomWhenAsync(room, r => Scenario.Gone(r, first) && Second(r, caller, first) is not null, "alice left, bob joined");
        Assert.Equal(ParticipantRole.TransferTarget, Second(after, caller, first)!.Role);
        await live.AssertTalkingAsync(room, caller, Second(after, caller, first)!.CallSid);
        await ConsoleBrowser.ScreenshotAsync(alice, "transfer-cold-alice-wrap-up");
        await ConsoleBrowser.ScreenshotAsync(bob, "transfer-cold-bob-on-call");

        await DeskSteps.FinishWrapUpAsync(alice, "Billing question, handed to Bob.");
        Assert.Contains("Billing question, handed to Bob.", await live.Admin.GetStringAsync($"/admin/calls/{caller}/note"), StringComparison.Ordinal);
        Assert.Equal("available", (await live.AgentAsync("alice")).Presence);
        Assert.Equal("on-call", (await live.AgentAsync("bob")).Presence);
    }

    [Fact]
    public async Task A_transfer_to_a_queue_from_the_desk_reaches_that_queues_agent()
    {
        await using var live = DeskSteps.Start(["alice"],
            ("Queues:1:Id", "sales"), ("Queues:1:Name", "Sales"), ("Queues:1:Numbers:0", "+18005550101"), ("Queues:1:Agents:0", "bob"),
            ("Queues:1:RingTimeoutSeconds", "5"), ("Queues:1:WrapUpSeconds", "60"), ("Queues:1:MaxNoAnswer", "3"));
        await using var browser = await ConsoleBrowser.StartAsync();
        var alice = await browser.SignInAsync(live, "alice");
        var bob = await browser.SignInAsync(live, "bob");
        var (caller, room, first) = await DeskSteps.TakeCallAsync(live, alice);
        await DeskSteps.GoAvailableAsync(bob);

        await DeskSteps.TransferAsync(alice, "cold", "queue", "sales");

        await Expect(bob.Locator("#call")).ToBeVisibleAsync(ConsoleBrowser.Shown);
        await Expect(bob.Locator("#call-queue")).ToHaveTextAsync("sales", ConsoleBrowser.Live);
        await Expect(alice.Locator("#wrap-up")).ToBeVisibleAsync(ConsoleBrowser.Shown);
        // Routing dials the sales agent like any queued caller's: an agent leg, not a transfer target.
        var after = await live.RoomWhenAsync(room, r => Scenario.Gone(r, first) && Second(r, caller, first) is not null, "alice left, the sales agent joined");
        Assert.Equal(ParticipantRole.Agent, Second(after, caller, first)!.Role);
        await live.AssertTalkingAsync(room, caller, Second(after, caller, first)!.CallSid);
        await ConsoleBrowser.ScreenshotAsync(bob, "transfer-queue-bob-on-call");

        await DeskSteps.FinishWrapUpAsync(alice);
    }

    [Fact]
    public async Task Cancelling_a_warm_transfer_removes_the_second_agent_and_the_caller_is_back_with_the_first()
    {
        await using var live = DeskSteps.Start(["alice", "bob"]);
        await using var browser = await ConsoleBrowser.StartAsync();
        var alice = await browser.SignInAsync(live, "alice");
        var bob = await browser.SignInAsync(live, "bob");
        var (caller, room, first) = await DeskSteps.TakeCallAsync(live, alice);
        await DeskSteps.GoAvailableAsync(bob);

        await DeskSteps.TransferAsync(alice, "warm", "agent", "bob");
        await Expect(alice.Locator("#transfer-text")).ToHaveTextAsync("warm transfer to agent bob: connected", ConsoleBrowser.Live);
        await Expect(bob.Locator("#call")).ToBeVisibleAsync(ConsoleBrowser.Shown);
        var consulting = await live.RoomWhenAsync(room, r => Second(r, caller, first) is not null && r.Participant(caller).Hold, "bob joined, the caller on hold");
        var second = Second(consulting, caller, first)!.CallSid;

        await alice.ClickAsync("#transfer-cancel");

        await Expect(alice.Locator("#transfer-progress")).ToBeHiddenAsync(ConsoleBrowser.Gone);
        await Expect(alice.Locator("#transfer-form")).ToBeVisibleAsync(ConsoleBrowser.Shown);
        await Expect(alice.Locator("#call-caller-state")).ToHaveTextAsync("talking", ConsoleBrowser.Live);
        await Expect(bob.Locator("#call")).ToBeHiddenAsync(ConsoleBrowser.Gone);
        await live.RoomWhenAsync(room, r => Scenario.Gone(r, second) && !r.Participant(caller).Hold, "bob removed, the caller off hold");
        await live.AssertTalkingAsync(room, caller, first);
        Assert.Equal("on-call", (await live.AgentAsync("alice")).Presence);
        await ConsoleBrowser.ScreenshotAsync(alice, "transfer-warm-cancelled");
    }

    [Fact]
    public async Task A_warm_transfer_to_a_typed_allow_listed_number_shows_it_masked_and_completes_to_that_number()
    {
        await using var live = DeskSteps.Start(["alice"]);
        await using var browser = await ConsoleBrowser.StartAsync();
        var alice = await browser.SignInAsync(live, "alice");
        var (caller, room, first) = await DeskSteps.TakeCallAsync(live, alice);

        await DeskSteps.TransferAsync(alice, "warm", "number", "+14155550124");

        await Expect(alice.Locator("#transfer-text")).ToHaveTextAsync("warm transfer to number +*******0124: connected", ConsoleBrowser.Live);
        await Expect(alice.Locator("#transfer-target")).ToHaveValueAsync("");
        Assert.DoesNotContain("4155550124", await alice.ContentAsync(), StringComparison.Ordinal);
        await ConsoleBrowser.ScreenshotAsync(alice, "transfer-warm-number-connected");

        await alice.ClickAsync("#transfer-complete");

        await Expect(alice.Locator("#wrap-up")).ToBeVisibleAsync(ConsoleBrowser.Shown);
        var after = await live.RoomWhenAsync(room, r => Scenario.Gone(r, first) && Second(r, caller, first) is not null && !r.Participant(caller).Hold,
            "alice left, the caller off hold with the number");
        Assert.Equal(ParticipantRole.TransferTarget, Second(after, caller, first)!.Role);
        await live.AssertTalkingAsync(room, caller, Second(after, caller, first)!.CallSid);
    }

    /// <summary>The leg in the room besides the caller's and the first agent's: the transfer's target.</summary>
    private static RoomParticipant? Second(ConferenceRoom room, string caller, string first) =>
        room.Participants.SingleOrDefault(p => p.InRoom && p.CallSid != caller && p.CallSid != first);
}
