using ContactCenter.Tests.EndToEnd;
using ContactCenter.Tests.Routing;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Tests.Browser;

/// <summary>Mute and hang-up from the agent desk in Chromium, checked against who hears whom in the simulator.</summary>
[Trait("Category", "Integration")]
public sealed class AgentDeskCallControlTests
{
    [Fact]
    public async Task Muting_the_caller_from_the_desk_silences_them_for_the_agent_and_unmuting_brings_them_back()
    {
        await using var live = DeskSteps.Start(["alice"]);
        await using var browser = await ConsoleBrowser.StartAsync();
        var alice = await browser.SignInAsync(live, "alice");
        var (caller, room, agent) = await DeskSteps.TakeCallAsync(live, alice);

        await alice.ClickAsync("#mute");
        await Expect(alice.Locator("#call-caller-state")).ToHaveTextAsync("muted", ConsoleBrowser.Live);
        await Expect(alice.Locator("#mute")).ToHaveTextAsync("Unmute", ConsoleBrowser.Live);
        await live.SettledAsync();
        var muted = await live.AudibilityAsync(room);
        Assert.Empty(muted.For(caller).HeardBy);
        Assert.True(muted.Hears(caller, agent), "a muted caller still hears the agent");
        Assert.False(muted.For(caller).HearsHoldMusic);
        await ConsoleBrowser.ScreenshotAsync(alice, "agent-caller-muted");

        await alice.ClickAsync("#mute");
        await Expect(alice.Locator("#call-caller-state")).ToHaveTextAsync("talking", ConsoleBrowser.Live);
        await Expect(alice.Locator("#mute")).ToHaveTextAsync("Mute", ConsoleBrowser.Live);
        await live.SettledAsync();
        await live.AssertTalkingAsync(room, caller, agent);
        await ConsoleBrowser.ScreenshotAsync(alice, "agent-caller-unmuted");
    }

    [Fact]
    public async Task Hanging_up_from_the_desk_ends_the_callers_call_and_puts_the_agent_in_wrap_up()
    {
        await using var live = DeskSteps.Start(["alice"]);
        await using var browser = await ConsoleBrowser.StartAsync();
        var alice = await browser.SignInAsync(live, "alice");
        var (caller, _, _) = await DeskSteps.TakeCallAsync(live, alice);

        await alice.ClickAsync("#hang-up");

        await Expect(alice.Locator("#wrap-up")).ToBeVisibleAsync(ConsoleBrowser.Shown);
        await Expect(alice.Locator("#call")).ToBeHiddenAsync(ConsoleBrowser.Gone);
        await Expect(alice.Locator("#presence-now")).ToHaveTextAsync("wrap-up", ConsoleBrowser.Live);
        var ended = await RoutingHarness.WhenAsync(() => live.SimCallAsync(caller), c => c.Status == "completed", "the caller's call completed");
        Assert.NotNull(ended.EndTime);
        await ConsoleBrowser.ScreenshotAsync(alice, "agent-hung-up-wrap-up");

        await DeskSteps.FinishWrapUpAsync(alice);
        Assert.Equal("available", (await live.AgentAsync("alice")).Presence);
    }
}
