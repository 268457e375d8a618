using Microsoft.Playwright;
using SglangCi.Integration.Tests.Infrastructure;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// Debian's Chromium driven by Playwright, one page, with what every dashboard Browser test needs: the console
/// errors and page errors the page logged, and a full-page screenshot of each step in <c>SGLCI_SCREENSHOTS</c> (CI
/// keeps that folder; locally the screenshots land next to the test binaries).
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _errors = [];

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Add(error);
    }

    public IPage Page { get; }

    /// <summary>Console and page errors so far.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <param name="width">Viewport width; 1366 is a laptop, the width the pages must read well at.</param>
    public static async Task<DashboardBrowser> OpenAsync(int width = 1400, int height = 1000)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = RequiredInfrastructure.ChromiumPath,
            Headless = true,
            // This machine's network is closed: no sandbox as root, and none of Chromium's background calls home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        return new DashboardBrowser(playwright, browser, page);
    }

    /// <summary>A full-page screenshot named <paramref name="name"/>.png, after the charts' entry animation.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var folder = Environment.GetEnvironmentVariable("SGLCI_SCREENSHOTS") is { Length: > 0 } set
            ? set
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await Page.WaitForTimeoutAsync(1000);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public void AssertNoErrors() => Assert.True(_errors.Count == 0, "the page logged errors:\n" + string.Join('\n', _errors));

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
