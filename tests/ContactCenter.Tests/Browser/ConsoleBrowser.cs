using System.Text.RegularExpressions;
using ContactCenter.Tests.EndToEnd;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ContactCenter.Tests.Browser;

/// <summary>
/// The one browser fixture: headless Chromium (Debian's <c>/usr/bin/chromium</c>, or <c>CONTACTCENTER_CHROMIUM</c>;
/// <c>./build.sh test</c> installs it) driving the console of a <see cref="LiveContactCenter"/>. Each person gets their
/// own browser context. Every page (agent desk, wallboard) sets <c>body[data-ready=true]</c> once it has loaded.
/// <code>
/// await using var live = RoutingHarness.Start(["alice", "bob"], ConsoleBrowser.Keys);   // the people's sign-in keys
/// await using var browser = await ConsoleBrowser.StartAsync();
/// var page = await browser.SignInAsync(live, "alice");            // signed in, on /console/agent (or another page)
/// await Assertions.Expect(page.Locator("#presence-now")).ToHaveTextAsync("available", ConsoleBrowser.Live);
/// await ConsoleBrowser.ScreenshotAsync(page, "alice-available");  // bin/.../screenshots/alice-available.png
/// </code>
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    /// <summary>Generous for live updates on a loaded machine (CI, shared cores); the page itself updates within a second.</summary>
    public const float LiveTimeout = 20_000;

    public static readonly LocatorAssertionsToHaveTextOptions Live = new() { Timeout = LiveTimeout };

    public static readonly LocatorAssertionsToBeVisibleOptions Shown = new() { Timeout = LiveTimeout };

    public static readonly LocatorAssertionsToBeHiddenOptions Gone = new() { Timeout = LiveTimeout };

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Keys for LiveContactCenter's directory (agents alice, bob, nobody; supervisor sam); see <see cref="KeyOf"/>.</summary>
    public static readonly (string Key, string? Value)[] Keys =
    [
        ("Agents:0:Key", KeyOf("alice")), ("Agents:1:Key", KeyOf("bob")), ("Agents:2:Key", KeyOf("nobody")), ("Supervisors:0:Key", KeyOf("sam")),
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static string KeyOf(string person) => $"browser-test-{person}-key-0123456789";

    public static async Task<ConsoleBrowser> StartAsync()
    {
        var executable = Environment.GetEnvironmentVariable("CONTACTCENTER_CHROMIUM") is { Length: > 0 } set ? set : "/usr/bin/chromium";
        Assert.True(File.Exists(executable), $"No Chromium at {executable}: run ./build.sh test (it installs Debian's chromium) or set CONTACTCENTER_CHROMIUM.");
        // Assertions without their own timeout (Playwright's default is 5 s) wait as long as live updates may take.
        Assertions.SetDefaultExpectTimeout(LiveTimeout);
        var playwright = await Playwright.CreateAsync();
        try
        {
            // Chromium's sandbox refuses to run as root (containers, CI); a container's /dev/shm is often too small for it.
            string[] args = string.Equals(Environment.UserName, "root", StringComparison.Ordinal)
                ? ["--no-sandbox", "--disable-dev-shm-usage"]
                : ["--disable-dev-shm-usage"];
            var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Headless = true, Args = args });
            return new ConsoleBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A new browser context (own cookies) signed in as <paramref name="person"/> with <see cref="KeyOf"/>, on
    /// <paramref name="page"/>; with <paramref name="ready"/> it waits for the page's <c>body[data-ready=true]</c>.
    /// </summary>
    public async Task<IPage> SignInAsync(
        LiveContactCenter live, string person, string page = "/console/agent", bool ready = true, int width = 1280, int height = 900)
    {
        var context = await _browser.NewContextAsync(new() { BaseURL = live.BaseUrl, ViewportSize = new() { Width = width, Height = height } });
        var tab = await context.NewPageAsync();
        tab.SetDefaultTimeout(30_000);
        await tab.GotoAsync("/console/login?returnUrl=" + Uri.EscapeDataString(page));
        await tab.FillAsync("input[name=id]", person);
        await tab.FillAsync("input[name=key]", KeyOf(person));
        await tab.Locator("form button[type=submit], form input[type=submit]").First.ClickAsync();
        await tab.WaitForURLAsync(new Regex(Regex.Escape(page) + "$", RegexOptions.None, TimeSpan.FromSeconds(1)));
        if (ready)
        {
            await Assertions.Expect(tab.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        }

        return tab;
    }

    /// <summary>Saves a full-page PNG under <see cref="ScreenshotDirectory"/> and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    /// <summary>With <c>UPDATE_DOCS_SCREENSHOTS=1</c>, also rewrites the README's picture <c>docs/{file}</c> from this page.</summary>
    public static async Task UpdateDocsScreenshotAsync(IPage page, string file)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS_SCREENSHOTS") != "1")
        {
            return;
        }

        var docs = Path.Combine(RepositoryPaths.Root, "docs", file);
        Directory.CreateDirectory(Path.GetDirectoryName(docs)!);
        await page.ScreenshotAsync(new() { Path = docs, FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
