using Microsoft.Playwright;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Integration.Tests.Infrastructure;
using SglangCi.Interfaces.Analysis;
using SglangCi.Interfaces.Presets;
using SglangCi.Silo.Storage.Analysis;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.Web;

/// <summary>
/// The alerts page in a real browser, on alerts written into the app's database before it starts (as the regression
/// watch writes them): the Teams cards' link <c>alerts?hardware=mi30x</c> lists the open alert with its numbers and
/// links, and the resolved one and the change point in their sections; signed out there is nothing to click; signed in
/// as an operator, Acknowledge with a note marks the alert acknowledged by that operator, Resolve with a reason moves it
/// to the resolved section, and Sweep now answers.
/// </summary>
[Trait("Category", "Browser")]
[Collection(EndToEndCollection.Name)]
public sealed class AlertsPageBrowserTests : WebAppTest
{
    private const string Token = "alerts-access-token-0123456789";
    private const string Operator = "perf-oncall";

    [BrowserFact]
    public async Task An_operator_acknowledges_then_resolves_an_open_alert_and_sweeps()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var open = Alert(today.AddDays(-1), SeriesAlertStatus.Open, load: 4);
        var resolved = Alert(today.AddDays(-5), SeriesAlertStatus.Resolved, load: 8) with
        {
            ResolvedNight = today.AddDays(-3),
            Resolution = "the series recovered",
        };
        var store = new RelationalAnalysisStore(new SqliteResultsDatabase(new SqliteStorageInitializer(SqliteConnectionStrings.ForFile(DatabaseFile))));
        await store.SaveAlertsAsync([open, resolved], CancellationToken.None);
        await store.SaveChangePointsAsync(
            [new("mi30x", "node-a", "GROK1", "online", LoadKind.Rate, 2, "ttft-median-ms", today.AddDays(-20), 120, 150, 0.25, 7.1, null, DateTimeOffset.UtcNow)],
            CancellationToken.None);

        await StartWebAsync(new Dictionary<string, string>(NoFirstNight) { ["SglangCi__Dashboard__AccessToken"] = Token });
        await using var browser = await DashboardBrowser.OpenAsync(1366, 900);
        var page = browser.Page;
        var alerts = new Uri(Web!.BaseAddress, "alerts?hardware=mi30x").ToString();

        await page.GotoAsync(alerts);
        var row = page.Locator($"tr.alert-row[data-alert-id='{open.Id}']");
        await Assertions.Expect(row).ToContainTextAsync("GROK1 · online · 4 req/s", new() { Timeout = 30_000 });
        await Assertions.Expect(row.Locator(".alert-status")).ToHaveTextAsync("open");
        await Assertions.Expect(row.Locator("td.change")).ToHaveTextAsync("+20.0%");
        await Assertions.Expect(row.Locator("a", new() { HasTextString = "compare" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^compare\\?hw=mi30x&model=GROK1&mode=online&host=node-a&a="));
        await Assertions.Expect(page.Locator($"tr.resolved-row[data-alert-id='{resolved.Id}']")).ToContainTextAsync("the series recovered");
        await Assertions.Expect(page.Locator("tr.change-point-row")).ToContainTextAsync("median TTFT");
        // Signed out, the page shows and explains, and offers nothing that would only be refused.
        await Assertions.Expect(row.Locator("button.acknowledge")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("button.sweep-now")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("alerts-signed-out");

        await page.GotoAsync(new Uri(Web.BaseAddress, "signin?returnUrl=" + Uri.EscapeDataString("/alerts?hardware=mi30x")).ToString());
        await page.Locator("#signin-name").FillAsync(Operator);
        await page.Locator("#signin-token").FillAsync(Token);
        await page.Locator("button.signin-submit").ClickAsync();
        await page.WaitForURLAsync(alerts);

        // A click on the prerendered page does nothing until the circuit is up: click until the note editor opens.
        var editor = page.Locator("tr.alert-note-editor");
        for (var attempt = 0; attempt < 20 && !await editor.IsVisibleAsync(); attempt++)
        {
            await row.Locator("button.acknowledge").ClickAsync();
            try
            {
                await editor.WaitForAsync(new() { Timeout = 1_500 });
            }
            catch (TimeoutException)
            {
                // Not interactive yet.
            }
        }

        await editor.Locator("input").FillAsync("bisecting the image");
        await browser.ScreenshotAsync("alerts-acknowledge-note");
        await editor.Locator("button.confirm-change").ClickAsync();
        await Assertions.Expect(page.Locator(".action-done")).ToContainTextAsync($"Alert acknowledged by {Operator}");
        await Assertions.Expect(row.Locator(".alert-status")).ToHaveTextAsync("acknowledged");
        await Assertions.Expect(row.Locator(".acknowledged-by")).ToContainTextAsync(Operator);
        await Assertions.Expect(row.Locator(".alert-note")).ToContainTextAsync("bisecting the image");
        await Assertions.Expect(row.Locator("button.acknowledge")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("alerts-acknowledged");

        // Resolving by hand says why, and moves the alert to the resolved section.
        await row.Locator("button.resolve").ClickAsync();
        await editor.Locator("input").FillAsync("new level accepted");
        await editor.Locator("button.confirm-change").ClickAsync();
        await Assertions.Expect(page.Locator(".action-done")).ToContainTextAsync($"Alert resolved by {Operator}");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($"tr.resolved-row[data-alert-id='{open.Id}']")).ToContainTextAsync($"resolved by {Operator}: new level accepted");
        await Assertions.Expect(page.Locator(".alerts-active .empty-state")).ToContainTextAsync("No active alerts on mi30x");

        // The sweep runs now (no history here, so it finds nothing new) and the recorded change point stays.
        await page.Locator("button.sweep-now").ClickAsync();
        await Assertions.Expect(page.Locator(".action-done")).ToContainTextAsync("Swept mi30x: 0 new change points.");
        await Assertions.Expect(page.Locator("tr.change-point-row")).ToHaveCountAsync(1);

        var stored = await store.GetAlertAsync(open.Id, CancellationToken.None);
        Assert.Equal(SeriesAlertStatus.Resolved, stored?.Status);
        Assert.Equal(Operator, stored?.AcknowledgedBy);
        Assert.Equal("bisecting the image", stored?.Note);
        browser.AssertNoErrors();
    }

    private static SeriesAlert Alert(DateOnly opened, SeriesAlertStatus status, double load)
    {
        var key = SeriesAlert.SeriesKeyOf("mi30x", "node-a", "GROK1", "online", LoadKind.Rate, load, "e2e-median-ms");
        return new SeriesAlert(
            $"{key}@{opened:yyyy-MM-dd}", SeriesAlertKind.Regression, status, "mi30x", "node-a", "GROK1", "online", LoadKind.Rate, load, "e2e-median-ms",
            opened, opened.AddDays(-1), opened, 1000, 1200, 0.2, "rocm/sgl-dev:v0.5.6-rocm700-mi30x-" + opened.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
            "rocm/sgl-dev:v0.5.5-rocm700-mi30x-20251101", null, null, null, null, null, null);
    }
}
