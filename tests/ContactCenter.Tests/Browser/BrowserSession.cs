using Microsoft.Playwright;

namespace ContactCenter.Tests.Browser;

/// <summary>
/// A headless Chromium for page scenarios: the system's /usr/bin/chromium (or PLAYWRIGHT_CHROMIUM), no sandbox when
/// running as root (as in CI containers). Screenshots go to the test output's <c>screenshots</c> folder.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<BrowserSession> OpenAsync(string baseUrl, int width = 1280, int height = 900)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            Headless = true,
            ExecutablePath = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(playwright, browser, context, page);
    }

    /// <summary>Signs in through the console's login form, as a person would.</summary>
    public async Task SignInAsync(string id, string key, string returnUrl)
    {
        await Page.GotoAsync("/console/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await Page.Locator("input[name=id]").FillAsync(id);
        await Page.Locator("input[name=key]").FillAsync(key);
        await Page.Locator("input[name=key]").PressAsync("Enter");
        await Page.WaitForURLAsync("**" + returnUrl);
    }

    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
