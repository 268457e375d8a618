using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using SglangCi.Integration.Tests.Infrastructure;
using SglangCi.Interfaces.History;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// Imported history on the dashboard, in a real browser: a slice of the old CI's logs (GROK1 on mi30x, early December:
/// result folders and cron logs) is imported into the data directory before the app starts; then the home page of an
/// imported night lists its runs and steps to the next night with runs, the run page says where the run was imported
/// from and shows its client-log points and summary medians, and its trend link draws the series with one table row
/// per night (the same nights the CSV download holds).
/// </summary>
[Trait("Category", "Browser")]
[Collection(EndToEndCollection.Name)]
public sealed class ImportedHistoryBrowserTests : WebAppTest
{
    private const string Hardware = "mi30x";
    private const string Model = "GROK1";
    private const string Mode = "online";
    private static readonly DateOnly Night = new(2025, 12, 6);
    private static readonly DateOnly From = new(2025, 12, 2);
    private static readonly DateOnly To = new(2025, 12, 8);

    // The slice of the seed tree lives beside the data directory, not in it: the app must only see the imported rows.
    private readonly string _seedDirectory = Path.Combine(Path.GetTempPath(), "sglci-seed-" + Guid.NewGuid().ToString("N"));

    [BrowserFact]
    public async Task Imported_nights_read_like_our_own_runs_and_draw_their_trend()
    {
        Assert.True(Directory.Exists(SeedHistory), $"the seed history is missing at {SeedHistory}");
        var files = SeedHistorySubset.Copy(SeedHistory, _seedDirectory, Hardware, Model, "grok_nightly", From, To);
        Assert.True(files > 10, $"the slice of the seed history has only {files} files");

        var database = await ImportBeforeStartAsync(_seedDirectory);

        // What the pages must show, read from the same tables: a night whose numbers came from client logs, and its series.
        var history = new RelationalHistoryQueries(database);
        var trend = await history.TrendAsync(new TrendQuery(Hardware, Model, Mode), CancellationToken.None);
        var night = trend.Where(p => p.ImageDate == Night && p.Origin == "client-log").OrderBy(p => p.Load).FirstOrDefault();
        Assert.True(night is not null, $"no client-log night on {Night} among: {string.Join(", ", trend.Select(p => $"{p.ImageDate} {p.Host} {p.Origin}"))}");
        var series = (await history.SeriesAsync(CancellationToken.None))
            .Single(s => s.Hardware == Hardware && s.Model == Model && s.Mode == Mode && s.Host == night.Host && s.Load == night.Load);
        var allHostsNights = trend.Count(p => p.Load == night.Load);

        await StartWebAsync(NoFirstNight);
        var baseAddress = Web!.BaseAddress;

        await using var browser = await DashboardBrowser.OpenAsync(1400, 1000);
        var page = browser.Page;

        // Home of an imported night: its runs are listed like ours, and "next" jumps to the next night with runs.
        await page.GotoAsync(new Uri(baseAddress, $"?date={Night:yyyy-MM-dd}").ToString());
        var runLink = page.Locator($"a[href*='{night.RunId}']");
        await Assertions.Expect(runLink).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".runs-grid .tag", new() { HasTextString = "imported" }).First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("home");
        // Once the circuit is up (the picker is enabled then), so the click is not lost to its first render.
        await Assertions.Expect(page.Locator(".day-picker input[name='day']")).ToBeEnabledAsync(new() { Timeout = PageNavigation.Timeout });
        await page.Locator(".day-next").ClickAsync();
        await page.ExpectAtPathAsync($"?date={Night.AddDays(1):yyyy-MM-dd}");
        await Assertions.Expect(page.Locator("h1", new() { HasTextString = $"{Night.AddDays(1):yyyy-MM-dd}" })).ToBeVisibleAsync();

        // The run page: where it came from, no phase timeline, its client-log points and summary medians, drawn charts.
        await page.GotoAsync(new Uri(baseAddress, $"runs/{night.RunId}").ToString());
        await Assertions.Expect(page.Locator(".imported-note")).ToContainTextAsync("Imported from the old CI");
        // Its logs are the old CI's: the logs section says where they were read from instead of showing an empty pane.
        await Assertions.Expect(page.Locator(".runlog-empty")).ToContainTextAsync("imported from");
        await Assertions.Expect(page.Locator("text=imported runs have no phase timeline")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h3", new() { HasTextString = "Summary medians" })).ToBeVisibleAsync();
        // Expect (which retries), not a one-off count: the live circuit re-renders the prerendered page once it connects.
        await Assertions.Expect(page.Locator("h3:has-text('Client-log points') + div table tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".rz-chart svg [class*='rz-series-'] path").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await browser.ScreenshotAsync("run");

        // Its trend link: this host at the run's first load point, one row per night.
        await page.Locator("a.trend-link").ClickAsync();
        await page.ExpectAtAsync(@"trends\?.*");
        await Assertions.Expect(page.Locator(".trend-chart svg [class*='rz-series-'] path").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("table.trend-table tbody tr")).ToHaveCountAsync(series.Nights);
        await browser.ScreenshotAsync("trend-host");

        // All hosts at that load point (the default view): a row per host and night, and the CSV holds the same nights.
        var load = night.Load.ToString("0.###", CultureInfo.InvariantCulture);
        var query = $"?hw={Hardware}&model={Model}&mode={Mode}&load={load}&metric=e2e";
        await page.GotoAsync(new Uri(baseAddress, "trends" + query).ToString());
        await Assertions.Expect(page.Locator(".trend-chart svg [class*='rz-series-'] path").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("table.trend-table tbody tr")).ToHaveCountAsync(allHostsNights);
        await browser.ScreenshotAsync("trend-all-hosts");
        var csv = await Http.GetStringAsync(new Uri(baseAddress, "trends.csv" + query));
        Assert.Equal(allHostsNights + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        browser.AssertNoErrors();
    }


    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_seedDirectory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The OS temp cleaner gets it.
        }
    }
}
