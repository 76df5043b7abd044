using ContactCenter.Api.Conferences;
using ContactCenter.Tests.EndToEnd;
using ContactCenter.Tests.Infrastructure;
using ContactCenter.Tests.Routing;
using Microsoft.Playwright;

namespace ContactCenter.Tests.Browser;

[Trait("Category", "Integration")]
public sealed class SupervisorBrowser
{
    [Fact]
    public async Task The_wallboard_shows_a_caller_arrive_live_and_coach_makes_the_supervisor_heard_by_the_agent_only()
    {
        await using var live = LiveContactCenter.Start(false,
        [
            .. ConsoleBrowser.Keys,
            ("Queues:0:Id", "support"), ("Queues:0:Name", "Support"), ("Queues:0:Numbers:0", "+18005550100"),
            ("Queues:0:Agents:0", "alice"), ("Queues:0:RingTimeoutSeconds", "5"), ("Queues:0:WrapUpSeconds", "60"),
            ("Routing:Wait:MusicUrl", "https://music.example.com/wait.mp3"),
        ]);
        await using var browser = await ConsoleBrowser.StartAsync();
        var page = await browser.SignInAsync(live, "sam", "/console/supervisor");
        var waiting = page.Locator("#waiting-support");
        await Assertions.Expect(waiting).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("live");

        var (caller, room) = await live.PlaceCallAsync();

        // Nothing on the page polls: only the queue change event can bring the count to 1.
        await Assertions.Expect(waiting).ToHaveTextAsync("1");
        await live.SetPresenceAsync("alice", "available");
        var connected = await live.RoomWhenAsync(room, r => r.Participants.Any(p => p.Role == ParticipantRole.Agent && p.InRoom), "alice joined");
        var alice = connected.Participants.Single(p => p.Role == ParticipantRole.Agent).CallSid;
        await Assertions.Expect(waiting).ToHaveTextAsync("0");
        var roomPanel = page.Locator($"article[data-room='{room}']");
        await Assertions.Expect(roomPanel.Locator("li[data-role=agent]")).ToHaveCountAsync(1);

        // By keyboard: focus the button and press Enter, as someone without a mouse would.
        await roomPanel.GetByRole(AriaRole.Button, new() { Name = "Coach", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var coached = await live.RoomWhenAsync(room, r => r.Participants.Any(p => p.Label == "supervisor-sam" && p.InRoom && p.Coaching), "sam coaching");
        var sam = coached.Participants.Single(p => p.Label == "supervisor-sam").CallSid;
        var audibility = await live.AudibilityAsync(room);
        Assert.Equal([alice], audibility.For(sam).HeardBy);
        Assert.False(audibility.Hears(caller, sam));
        await Assertions.Expect(roomPanel.GetByRole(AriaRole.Button, new() { Name = "coach", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        await ConsoleBrowser.ScreenshotAsync(page, "supervisor-coaching");
        await ConsoleBrowser.UpdateDocsScreenshotAsync(page, "supervisor-wallboard.png");

        await page.SetViewportSizeAsync(390, 844);
        var overflow = await page.EvaluateAsync<string>(
            "() => document.documentElement.scrollWidth <= window.innerWidth ? '' : [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')");
        Assert.True(overflow.Length == 0, $"the page scrolls sideways on a phone: {overflow}");
        await ConsoleBrowser.ScreenshotAsync(page, "supervisor-phone");
    }
}
