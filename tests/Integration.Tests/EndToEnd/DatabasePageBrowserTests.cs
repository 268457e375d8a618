using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using SglangCi.Integration.Tests.Infrastructure;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// The database page in a real browser, on the whole imported seed history: a SELECT shows rows; DELETE, UPDATE,
/// ATTACH, PRAGMA writable_schema and a second statement each show an error; afterwards the runs are all still there
/// (read back through <c>/api/sql</c>). The schema browser inserts a table's SELECT and lists a view's columns, every
/// example query returns rows, Ctrl+Enter runs, and the page logs no console error on the way.
/// </summary>
[Trait("Category", "Browser")]
[Collection(EndToEndCollection.Name)]
public sealed class DatabasePageBrowserTests : WebAppTest
{
    /// <summary>Runs in the seed history (see the README's import figures).</summary>
    private const int SeedRuns = 943;

    [BrowserFact]
    public async Task The_explorer_reads_and_refuses_every_write_without_changing_anything()
    {
        await ImportBeforeStartAsync(SeedHistory);

        await StartWebAsync(NoFirstNight);
        Assert.Equal(SeedRuns, await CountRunsAsync());

        await using var browser = await DashboardBrowser.OpenAsync(1400, 1000);
        var page = browser.Page;

        await page.GotoAsync(new Uri(Web!.BaseAddress, "database").ToString());
        // Enabled only once the circuit is up: a click before that would go nowhere.
        await Assertions.Expect(page.Locator("button.db-run")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".db-object", new() { HasTextString = "night_points" })).ToBeVisibleAsync();

        // The schema browser inserts a table's SELECT into the editor.
        await page.Locator(".db-object", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^runs$") }).ClickAsync();
        await Assertions.Expect(page.Locator("textarea.db-editor")).ToHaveValueAsync("SELECT * FROM runs LIMIT 100");

        var run = 0;
        var rows = await RunAsync(page, ++run, "SELECT model, COUNT(*) AS runs FROM runs GROUP BY model ORDER BY model");
        await Assertions.Expect(rows.Locator(".db-results tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(rows.Locator(".db-results tbody td", new() { HasTextString = "GROK1" }).First).ToBeVisibleAsync();
        Assert.Equal(0, await rows.Locator(".db-error").CountAsync());

        // Every example query runs on the real history.
        var examples = page.Locator(".db-example");
        for (var i = 0; i < await examples.CountAsync(); i++)
        {
            await examples.Nth(i).ClickAsync();
            await page.Locator("button.db-run").ClickAsync();
            var outcome = page.Locator($".db-outcome[data-run='{++run}']");
            await Assertions.Expect(outcome.Locator(".db-results tbody tr").First).ToBeVisibleAsync();
        }

        // A view's columns, with their types, under its name.
        await page.Locator("li", new() { Has = page.Locator(".db-object", new() { HasTextString = "night_points" }) }).Locator(".db-toggle").ClickAsync();
        await Assertions.Expect(page.Locator(".db-columns li", new() { HasTextString = "e2e_median_ms" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("database");

        foreach (var (sql, message) in new[]
        {
            ("DELETE FROM runs", "only reads"),
            ("UPDATE runs SET model = 'x'", "only reads"),
            ("ATTACH DATABASE '/tmp/x.db' AS x", "only reads"),
            ("PRAGMA writable_schema = ON", "not authorized"),
            ("SELECT 1; DELETE FROM runs", "second statement at character 11"),
        })
        {
            var outcome = await RunAsync(page, ++run, sql);
            await Assertions.Expect(outcome.Locator(".db-error")).ToContainTextAsync(message);
            Assert.Equal(0, await outcome.Locator(".db-results").CountAsync());
        }

        // Ctrl+Enter runs what the editor holds.
        await page.Locator("textarea.db-editor").FillAsync("SELECT COUNT(*) AS n FROM runs");
        await page.Locator("textarea.db-editor").PressAsync("Control+Enter");
        var count = page.Locator($".db-outcome[data-run='{++run}']");
        await Assertions.Expect(count.Locator(".db-results tbody td").First).ToHaveTextAsync(SeedRuns.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(SeedRuns, await CountRunsAsync());
        browser.AssertNoErrors();
    }

    private static async Task<ILocator> RunAsync(IPage page, int run, string sql)
    {
        await page.Locator("textarea.db-editor").FillAsync(sql);
        await page.Locator("button.db-run").ClickAsync();
        var outcome = page.Locator($".db-outcome[data-run='{run}']");
        await Assertions.Expect(outcome).ToBeAttachedAsync();
        return outcome;
    }

    private async Task<int> CountRunsAsync()
    {
        var url = new Uri(Web!.BaseAddress, "api/sql?q=" + Uri.EscapeDataString("SELECT COUNT(*) FROM runs"));
        using var answer = JsonDocument.Parse(await Http.GetStringAsync(url));
        return answer.RootElement.GetProperty("rows")[0][0].GetInt32();
    }
}
