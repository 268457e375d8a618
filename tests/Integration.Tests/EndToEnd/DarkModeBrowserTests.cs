using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SglangCi.Integration.Tests.Infrastructure;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// Dark mode in a real browser at laptop width, over a slice of the imported seed history (so the pages have cards,
/// grids and charts): the top bar's switch, clicked once the circuit is up, turns the page dark and comes back to it;
/// the choice holds across an in-circuit navigation and a fresh page load (the server applies the cookie, with
/// Radzen's dark stylesheet); chart labels stay readable; "auto" follows the system's colour scheme; no page logs a
/// console error on the way.
/// </summary>
[Trait("Category", "Browser")]
[Collection(EndToEndCollection.Name)]
public sealed partial class DarkModeBrowserTests : WebAppTest
{
    private const string Night = "2025-12-06";

    // The slice of the seed tree lives beside the data directory, not in it: the app must only see the imported rows.
    private readonly string _seedDirectory = Path.Combine(Path.GetTempPath(), "sglci-seed-" + Guid.NewGuid().ToString("N"));

    [BrowserFact]
    public async Task The_top_bar_switches_to_dark_which_holds_across_pages_and_auto_follows_the_system()
    {
        var files = SeedHistorySubset.Copy(SeedHistory, _seedDirectory, "mi30x", "GROK1", "grok_nightly", new DateOnly(2025, 12, 2), new DateOnly(2025, 12, 8));
        Assert.True(files > 10, $"the slice of the seed history has only {files} files");
        await ImportBeforeStartAsync(_seedDirectory);
        await StartWebAsync(NoFirstNight);
        var baseAddress = Web!.BaseAddress;

        await using var browser = await DashboardBrowser.OpenAsync(1280, 900);
        var page = browser.Page;
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        var html = page.Locator("html");

        // No cookie: auto, on a light system light, with both Radzen themes linked under media queries.
        await page.GotoAsync(new Uri(baseAddress, "database").ToString());
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "auto", new() { Timeout = PageNavigation.Timeout });
        await Assertions.Expect(page.Locator("link[href*='material-dark-base'][media='(prefers-color-scheme: dark)']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("link[href*='material-base'][media='(prefers-color-scheme: light)']")).ToHaveCountAsync(1);
        Assert.True(await BodyLuminanceAsync(page) > 0.8, "auto on a light system should be light");

        // The switch, clicked once the circuit is up (the run button is enabled only then), so the interactive router
        // sees the click first: it must still reach /theme and come back here, dark.
        await Assertions.Expect(page.Locator("button.db-run")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await page.Locator(".topbar .theme-option[data-theme-option='dark']").ClickAsync();
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "dark", new() { Timeout = PageNavigation.Timeout });
        await page.WaitForURLAsync("**/database");
        await Assertions.Expect(page.Locator("link[href*='material-dark-base']:not([media])")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("link[href*='material-base']")).ToHaveCountAsync(0);
        Assert.True(await BodyLuminanceAsync(page) < 0.1, "dark mode should paint a dark page");
        Assert.True(await LuminanceAsync(page.Locator("h1"), "color") > 0.6, "text on the dark page should be light");
        await Assertions.Expect(page.Locator("button.db-run")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await browser.ScreenshotAsync("dark-database");

        // An in-circuit navigation keeps the document, and its theme.
        await page.Locator(".topbar .nav a", new() { HasTextString = "Trends" }).ClickAsync();
        await page.ExpectAtAsync(@"trends(\?.*)?");
        await Assertions.Expect(page.Locator(".trend-chart svg [class*='rz-series-'] path").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "dark", new() { Timeout = PageNavigation.Timeout });
        Assert.True(await BodyLuminanceAsync(page) < 0.1, "the trends page should stay dark");
        // Chart labels must read on the dark chart: light ticks and titles.
        Assert.True(await LuminanceAsync(page.Locator(".trend-chart .rz-tick-text").First, "fill") > 0.3, "axis labels too dark on a dark chart");
        Assert.True(await LuminanceAsync(page.Locator(".trend-chart .rz-axis-title").First, "fill") > 0.6, "axis titles too dark on a dark chart");
        await browser.ScreenshotAsync("dark-trends");

        // A fresh load: the server reads the cookie and renders dark from the first byte.
        await page.GotoAsync(new Uri(baseAddress, $"?date={Night}").ToString());
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "dark", new() { Timeout = PageNavigation.Timeout });
        await Assertions.Expect(page.Locator(".hardware-card")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".pass-rate-chart svg [class*='rz-series-'] path").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.True(await BodyLuminanceAsync(page) < 0.1, "the home page should load dark");
        await browser.ScreenshotAsync("dark-home");

        // Auto follows the system: dark on a dark system, light again when the system turns light, no reload needed.
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.Locator(".topbar .theme-option[data-theme-option='auto']").ClickAsync();
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "auto", new() { Timeout = PageNavigation.Timeout });
        await page.WaitForURLAsync($"**/?date={Night}");
        Assert.True(await BodyLuminanceAsync(page) < 0.1, "auto on a dark system should be dark");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        Assert.True(await BodyLuminanceAsync(page) > 0.8, "auto should turn light with the system");

        // An explicit light choice wins over a dark system.
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.Locator(".topbar .theme-option[data-theme-option='light']").ClickAsync();
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "light", new() { Timeout = PageNavigation.Timeout });
        Assert.True(await BodyLuminanceAsync(page) > 0.8, "light should stay light on a dark system");
        await Assertions.Expect(page.Locator(".pass-rate-chart svg [class*='rz-series-'] path").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await browser.ScreenshotAsync("light-home");

        browser.AssertNoErrors();
    }

    public override Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_seedDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was copied.
        }

        return base.DisposeAsync();
    }

    private static Task<double> BodyLuminanceAsync(IPage page) => LuminanceAsync(page.Locator("body"), "background-color");

    /// <summary>The relative luminance (0 black … 1 white) of a computed colour property of the element.</summary>
    private static async Task<double> LuminanceAsync(ILocator element, string property)
    {
        // The circuit's first render can swap the element for a new one: a detached element has no computed style (''),
        // so read again until the one in the page answers.
        var value = "";
        var match = Match.Empty;
        for (var attempt = 0; attempt < 50 && !match.Success; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(200);
            }

            value = await element.EvaluateAsync<string>("(e, p) => getComputedStyle(e).getPropertyValue(p)", property);
            match = RgbColour().Match(value);
        }

        Assert.True(match.Success, $"{property} is '{value}', not an rgb() colour");
        double Channel(int group)
        {
            var c = double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) / 255;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(1)) + (0.7152 * Channel(2)) + (0.0722 * Channel(3));
    }

    [GeneratedRegex(@"rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)")]
    private static partial Regex RgbColour();
}
