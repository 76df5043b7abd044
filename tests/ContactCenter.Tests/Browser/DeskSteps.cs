using ContactCenter.Api.Conferences;
using ContactCenter.Tests.EndToEnd;
using ContactCenter.Tests.Routing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Tests.Browser;

/// <summary>What an agent does on the desk, for the desk's browser scenarios: queue "support" with a 60 s wrap-up.</summary>
internal static class DeskSteps
{
    /// <summary>The live contact center with the people's sign-in keys; a wrap-up long enough to see it on the desk.</summary>
    public static LiveContactCenter Start(string[] agents, params (string Key, string? Value)[] settings) =>
        RoutingHarness.Start(agents, [.. ConsoleBrowser.Keys, ("Queues:0:WrapUpSeconds", "60"), .. settings]);

    public static async Task GoAvailableAsync(IPage desk)
    {
        await desk.SelectOptionAsync("#presence", "available");
        await desk.ClickAsync("#set-presence");
        await Expect(desk.Locator("#presence-now")).ToHaveTextAsync("available", ConsoleBrowser.Live);
    }

    /// <summary>
    /// The desk's agent is available and a caller dials in; returns once the desk shows the call and the caller talks to
    /// the agent: the caller's CallSid, the room and the agent's leg.
    /// </summary>
    public static async Task<(string Caller, string Room, string Agent)> TakeCallAsync(LiveContactCenter live, IPage desk)
    {
        await GoAvailableAsync(desk);
        var (caller, room) = await live.PlaceCallAsync();
        await Expect(desk.Locator("#call")).ToBeVisibleAsync(ConsoleBrowser.Shown);
        await Expect(desk.Locator("#call-caller-state")).ToHaveTextAsync("talking", ConsoleBrowser.Live);
        var joined = await live.RoomWhenAsync(room, r => r.Participants.Any(p => p.Role == ParticipantRole.Agent && p.InRoom), "the agent joined");
        var agent = joined.Participants.Single(p => p.Role == ParticipantRole.Agent && p.InRoom).CallSid;
        await live.AssertTalkingAsync(room, caller, agent);
        return (caller, room, agent);
    }

    /// <summary>Fills the desk's transfer form: <paramref name="type"/> warm or cold, <paramref name="kind"/> agent, queue or number.</summary>
    public static async Task TransferAsync(IPage desk, string type, string kind, string target)
    {
        await desk.SelectOptionAsync("#transfer-type", type);
        await desk.SelectOptionAsync("#transfer-kind", kind);
        await desk.FillAsync("#transfer-target", target);
        await desk.ClickAsync("#transfer");
    }

    /// <summary>Done on the wrap-up card (with the note typed, if any): the desk is idle and its agent available again.</summary>
    public static async Task FinishWrapUpAsync(IPage desk, string? note = null)
    {
        await Expect(desk.Locator("#wrap-up")).ToBeVisibleAsync(ConsoleBrowser.Shown);
        if (note is not null)
        {
            await desk.FillAsync("#note", note);
        }

        await desk.ClickAsync("#done");
        await Expect(desk.Locator("#idle")).ToBeVisibleAsync(ConsoleBrowser.Shown);
        await Expect(desk.Locator("#presence-now")).ToHaveTextAsync("available", ConsoleBrowser.Live);
    }
}
