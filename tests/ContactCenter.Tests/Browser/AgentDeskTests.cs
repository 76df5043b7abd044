using ContactCenter.Tests.EndToEnd;
using ContactCenter.Tests.Routing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Tests.Browser;

/// <summary>The agent desk in Chromium against the live contact center: queue "support" with alice and bob.</summary>
[Trait("Category", "Integration")]
public sealed class AgentDeskTests
{
    // alice's phone rings 2.5 s before it answers, long enough to see the offer on her desk.
    private static readonly (string, string?)[] Settings =
    [
        .. ConsoleBrowser.Keys,
        ("Simulator:Phones:2:Endpoint", "client:alice"), ("Simulator:Phones:2:Behavior", "answer"), ("Simulator:Phones:2:AnswerAfterMs", "2500"),
    ];

    private static LiveContactCenter Start() => RoutingHarness.Start(["alice", "bob"], Settings);

    private static async Task GoAvailableAsync(IPage page)
    {
        await page.SelectOptionAsync("#presence", "available");
        await page.ClickAsync("#set-presence");
        await Expect(page.Locator("#presence-now")).ToHaveTextAsync("available", ConsoleBrowser.Live);
    }

    [Fact]
    public async Task An_agent_goes_available_sees_the_call_ring_then_connect_and_holding_plays_music()
    {
        await using var live = Start();
        await using var browser = await ConsoleBrowser.StartAsync();
        var alice = await browser.SignInAsync(live, "alice");
        await GoAvailableAsync(alice);
        await ConsoleBrowser.ScreenshotAsync(alice, "agent-available");

        var (caller, room) = await live.PlaceCallAsync();
        await Expect(alice.Locator("#offer")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(alice.Locator("#offer-queue")).ToHaveTextAsync("support", ConsoleBrowser.Live);
        await Expect(alice.Locator("#offer-caller")).ToHaveTextAsync("+*******1234", ConsoleBrowser.Live);
        await ConsoleBrowser.ScreenshotAsync(alice, "agent-ringing");
        await Expect(alice.Locator("#call")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(alice.Locator("#call-caller")).ToHaveTextAsync("+*******1234", ConsoleBrowser.Live);
        Assert.DoesNotContain("415555", await alice.ContentAsync(), StringComparison.Ordinal);

        await alice.ClickAsync("#hold");
        await Expect(alice.Locator("#call-caller-state")).ToHaveTextAsync("on hold", ConsoleBrowser.Live);
        await Expect(alice.Locator("#hold")).ToHaveTextAsync("Unhold", ConsoleBrowser.Live);
        await live.SettledAsync();
        Assert.True((await live.AudibilityAsync(room)).For(caller).HearsHoldMusic);
        await ConsoleBrowser.ScreenshotAsync(alice, "agent-on-hold");
        await ConsoleBrowser.UpdateDocsScreenshotAsync(alice, "agent-desk.png");

        await alice.ClickAsync("#hold");
        await Expect(alice.Locator("#call-caller-state")).ToHaveTextAsync("talking", ConsoleBrowser.Live);
        await live.SettledAsync();
        Assert.False((await live.AudibilityAsync(room)).For(caller).HearsHoldMusic);

        await alice.ClickAsync("#hang-up");
        await Expect(alice.Locator("#wrap-up")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await alice.FillAsync("#note", "Asked about an invoice.");
        await ConsoleBrowser.ScreenshotAsync(alice, "agent-wrap-up");
        await alice.ClickAsync("#done");
        await Expect(alice.Locator("#idle")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(alice.Locator("#presence-now")).ToHaveTextAsync("available", ConsoleBrowser.Live);
        Assert.Contains("Asked about an invoice.", await live.Admin.GetStringAsync($"/admin/calls/{caller}/note"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warm_transfer_reaches_a_second_agent_signed_in_in_another_browser_context()
    {
        await using var live = Start();
        await using var browser = await ConsoleBrowser.StartAsync();
        var alice = await browser.SignInAsync(live, "alice");
        var bob = await browser.SignInAsync(live, "bob");
        await GoAvailableAsync(alice);
        var (caller, room) = await live.PlaceCallAsync();
        await Expect(alice.Locator("#call")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await GoAvailableAsync(bob);

        await alice.SelectOptionAsync("#transfer-type", "warm");
        await alice.SelectOptionAsync("#transfer-kind", "agent");
        await alice.FillAsync("#transfer-target", "bob");
        await alice.ClickAsync("#transfer");
        await Expect(alice.Locator("#transfer-text")).ToHaveTextAsync("warm transfer to agent bob: connected", ConsoleBrowser.Live);
        await Expect(bob.Locator("#call")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await ConsoleBrowser.ScreenshotAsync(alice, "transfer-warm-connected");

        await alice.ClickAsync("#transfer-complete");
        await Expect(alice.Locator("#wrap-up")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(bob.Locator("#call")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await live.SettledAsync();
        var heard = await live.AudibilityAsync(room);
        Assert.False(heard.For(caller).HearsHoldMusic);
        Assert.NotEmpty(heard.For(caller).Hears); // bob, the only agent left in the room
        await ConsoleBrowser.ScreenshotAsync(bob, "transfer-completed-bob");
    }

    [Fact]
    public async Task An_agent_asking_for_another_agents_room_gets_403()
    {
        await using var live = Start();
        await using var browser = await ConsoleBrowser.StartAsync();
        var alice = await browser.SignInAsync(live, "alice");
        await live.SetPresenceAsync("bob", "available");
        var (_, room) = await live.PlaceCallAsync();
        await live.AgentWhenAsync("bob", "on-call");

        var status = await alice.EvaluateAsync<int>("room => fetch('/admin/conferences/' + room).then(r => r.status)", room);
        Assert.Equal(403, status);
        var hold = await alice.EvaluateAsync<int>(
            "async room => { const me = await (await fetch('/console/api/me')).json(); return (await fetch('/admin/conferences/' + room, { method: 'DELETE', headers: { 'X-CSRF-TOKEN': me.csrfToken } })).status; }", room);
        Assert.Equal(403, hold);
        await Expect(alice.Locator("#idle")).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(alice, "agent-other-room-403");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var live = Start();
        await using var browser = await ConsoleBrowser.StartAsync();
        var alice = await browser.SignInAsync(live, "alice");
        await alice.ClickAsync("#sign-out");
        await alice.WaitForURLAsync("**/console/login**", new() { Timeout = 30_000 });
        await ConsoleBrowser.ScreenshotAsync(alice, "signed-out");

        Assert.Equal(401, await alice.EvaluateAsync<int>("() => fetch('/console/api/me').then(r => r.status)"));
        await alice.GotoAsync("/console/agent");
        Assert.Contains("/console/login", alice.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_desk_is_keyboard_operable_and_readable_on_a_phone()
    {
        await using var live = Start();
        await using var browser = await ConsoleBrowser.StartAsync();
        var alice = await browser.SignInAsync(live, "alice", width: 390, height: 844);

        string[] order = ["sign-out", "presence", "reason", "set-presence"];
        foreach (var id in order)
        {
            await alice.Keyboard.PressAsync("Tab");
            Assert.Equal(id, await alice.EvaluateAsync<string>("() => document.activeElement?.id"));
        }

        await alice.FocusAsync("#presence");
        await alice.SelectOptionAsync("#presence", "away");
        await alice.FocusAsync("#reason");
        await alice.Keyboard.TypeAsync("lunch");
        await alice.Keyboard.PressAsync("Enter");
        await Expect(alice.Locator("#presence-now")).ToHaveTextAsync("away (lunch)", ConsoleBrowser.Live);
        var overflow = await alice.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the desk scrolls sideways at 390 px");
        await ConsoleBrowser.ScreenshotAsync(alice, "agent-phone-away");
    }
}
