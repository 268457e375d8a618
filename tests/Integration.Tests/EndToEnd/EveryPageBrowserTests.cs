using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SglangCi.Integration.Tests.Infrastructure;
using SglangCi.Interfaces.History;
using SglangCi.Silo.Storage.History;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// Every page of the dashboard, in a real browser, on the whole imported seed history: each one renders its heading
/// and its content (charts drawn as SVG paths where it has charts), logs no console error, and leaves a screenshot.
/// Then the one action people take most: "run now" on a schedule is refused while signed out (nothing fires) and
/// starts the schedule's runs once signed in with the access token; signing out closes it again.
/// </summary>
[Trait("Category", "Browser")]
[Collection(EndToEndCollection.Name)]
public sealed partial class EveryPageBrowserTests : WebAppTest
{
    private const string Token = "browser-access-token-0123456789";
    private const string Hardware = "mi30x";
    private const string Model = "GROK1";
    private const string Night = "2025-12-06";
    private const string PreviousNight = "2025-12-05";

    [BrowserFact]
    public async Task Every_page_renders_without_errors_on_the_imported_history()
    {
        var database = await ImportBeforeStartAsync(SeedHistory);
        var trend = await new RelationalHistoryQueries(database).TrendAsync(new TrendQuery(Hardware, Model, "online"), CancellationToken.None);
        var run = trend.Where(p => p.ImageDate == DateOnly.Parse(Night)).OrderBy(p => p.Load).First();
        await StartWebAsync(WithToken);

        await using var browser = await DashboardBrowser.OpenAsync(1366, 900);
        var pages = new (string Name, string Path, string Heading, string? Chart)[]
        {
            ("every-home", $"?date={Night}", Night, ".pass-rate-chart"),
            ("every-hardware", $"hardware/{Hardware}?date={Night}", Night, null),
            ("every-trends", $"trends?hw={Hardware}&model={Model}&mode=online&metric=e2e", "Trends", ".trend-chart"),
            ("every-run", $"runs/{run.RunId}", run.RunId, ".rz-chart"),
            ("every-compare", $"compare?a={Uri.EscapeDataString(run.RunId)}", "Compare", null),
            ("every-alerts", "alerts", "Alerts", null),
            ("every-nodes", "nodes", "GPU nodes", null),
            ("every-database", "database", "Database", null),
            ("every-signin", "signin", "Sign in", null),
        };

        foreach (var (name, path, heading, chart) in pages)
        {
            await browser.Page.GotoAsync(new Uri(Web!.BaseAddress, path).ToString());
            await Assertions.Expect(browser.Page.Locator("h1").First).ToContainTextAsync(heading, new() { Timeout = 30_000 });
            if (chart is not null)
            {
                await Assertions.Expect(browser.Page.Locator($"{chart} svg [class*='rz-series-'] path").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            }

            await browser.ScreenshotAsync(name);
        }

        // The date picker changes the data: pick the night before from the calendar's input, and the page shows that
        // night's runs (and not the first night's).
        var home = browser.Page;
        await home.GotoAsync(new Uri(Web!.BaseAddress, $"?date={Night}").ToString());
        await Assertions.Expect(home.Locator($"a[href*='{run.RunId}']")).ToBeVisibleAsync();
        var calendar = home.Locator(".rz-datepicker-popup-container");
        // The calendar is enabled once the circuit is up; before that it would open without being able to pick.
        await ClickWhenInteractiveAsync(home.Locator(".day-picker input[name='day']"), home.Locator(".day-picker .rz-datepicker-trigger"), calendar);
        // The popup shows December 2025 (the night's month); its first "5" is the 5th (January's days come after).
        await calendar.GetByText("5", new() { Exact = true }).First.ClickAsync();
        await home.ExpectAtPathAsync($"?date={PreviousNight}");
        await Assertions.Expect(home.Locator("h1").First).ToContainTextAsync(PreviousNight);
        await Assertions.Expect(home.Locator($"a[href*='{run.RunId}']")).ToHaveCountAsync(0);
        await Assertions.Expect(home.Locator(".runs-grid a[href*='runs/']").First).ToBeVisibleAsync();

        // The page about a run that does not exist says so, rather than failing.
        await browser.Page.GotoAsync(new Uri(Web!.BaseAddress, "runs/no-such-run").ToString());
        await Assertions.Expect(browser.Page.Locator("h1")).ToHaveTextAsync("Run not found");
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Run_now_is_refused_signed_out_and_starts_the_schedule_signed_in()
    {
        await StartWebAsync(WithToken);
        await using var browser = await DashboardBrowser.OpenAsync(1366, 900);
        var page = browser.Page;
        var nodes = new Uri(Web!.BaseAddress, "nodes").ToString();

        await page.GotoAsync(nodes);
        var schedule = page.Locator("table.schedules-table tr", new() { HasTextString = "sim-nightly" });
        await Assertions.Expect(page.Locator("a.account-signin")).ToBeVisibleAsync();
        await ClickWhenInteractiveAsync(schedule.Locator("button.run-now"), page.Locator(".action-result"));
        await Assertions.Expect(page.Locator(".action-refused")).ToContainTextAsync("Sign in to run schedule 'sim-nightly' now");
        await Assertions.Expect(schedule.Locator("td").Nth(4)).ToHaveTextAsync("—");
        await browser.ScreenshotAsync("nodes-run-now-refused");

        // Sign in from the top bar: a wrong token is refused on the page, the right one comes back to the nodes page.
        await page.Locator("a.account-signin").ClickAsync();
        await page.ExpectAtPathAsync("signin?returnUrl=%2Fnodes");
        await page.Locator("#signin-name").FillAsync("nightly-oncall");
        await page.Locator("#signin-token").FillAsync("wrong-token");
        await page.Locator("button.signin-submit").ClickAsync();
        await Assertions.Expect(page.Locator(".signin-error")).ToHaveTextAsync("That is not the access token.");
        await page.Locator("#signin-token").FillAsync(Token);
        await page.Locator("button.signin-submit").ClickAsync();
        await page.WaitForURLAsync(nodes);
        await Assertions.Expect(page.Locator(".account-name")).ToHaveTextAsync("nightly-oncall");

        await ClickWhenInteractiveAsync(schedule.Locator("button.run-now"), page.Locator(".action-result"));
        var done = page.Locator(".action-done");
        await Assertions.Expect(done).ToContainTextAsync(StartedRuns());
        await Assertions.Expect(schedule.Locator("td").Nth(4)).Not.ToHaveTextAsync("—");
        var runLinks = done.Locator("a[href^='runs/']");
        await Assertions.Expect(runLinks.First).ToBeVisibleAsync();
        // The alert lists the runs it started; the schedule's "last runs" column shows the same ones.
        foreach (var runId in await runLinks.AllTextContentsAsync())
        {
            await Assertions.Expect(schedule).ToContainTextAsync(runId);
        }
        await browser.ScreenshotAsync("nodes-run-now-done");

        // Disable, then enable again: the state column follows.
        await schedule.Locator("button.toggle-schedule").ClickAsync();
        await Assertions.Expect(schedule.Locator("td").Nth(2)).ToHaveTextAsync("disabled");
        await schedule.Locator("button.toggle-schedule").ClickAsync();
        await Assertions.Expect(schedule.Locator("td").Nth(2)).ToHaveTextAsync("enabled");

        // Signing out closes actions again.
        await page.Locator(".account-signout button").ClickAsync();
        await Assertions.Expect(page.Locator("a.account-signin")).ToBeVisibleAsync(new() { Timeout = PageNavigation.Timeout });
        await ClickWhenInteractiveAsync(schedule.Locator("button.run-now"), page.Locator(".action-result"));
        await Assertions.Expect(page.Locator(".action-refused")).ToBeVisibleAsync();
        browser.AssertNoErrors();
    }

    [GeneratedRegex(@"Schedule 'sim-nightly' started [1-9]\d* run\(s\)\.")]
    private static partial Regex StartedRuns();

    private static IReadOnlyDictionary<string, string> WithToken => new Dictionary<string, string>(NoFirstNight)
    {
        ["SglangCi__Dashboard__AccessToken"] = Token,
    };

    /// <summary>
    /// Buttons only act once the page's circuit is up, and they are disabled until then (a click on the prerendered page
    /// would be lost). Wait for that, click once (a second click could start a second run, or close a calendar again),
    /// and wait for the page's answer.
    /// </summary>
    private static Task ClickWhenInteractiveAsync(ILocator button, ILocator answer) => ClickWhenInteractiveAsync(button, button, answer);

    private static async Task ClickWhenInteractiveAsync(ILocator enabledOnceInteractive, ILocator button, ILocator answer)
    {
        await Assertions.Expect(enabledOnceInteractive).ToBeEnabledAsync(new() { Timeout = PageNavigation.Timeout });
        await button.ClickAsync();
        await Assertions.Expect(answer).ToBeVisibleAsync(new() { Timeout = PageNavigation.Timeout });
    }
}
