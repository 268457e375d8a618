using System.Text.Json;
using Microsoft.Playwright;
using SglangCi.Integration.Tests.Infrastructure;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// The dashboard in a real browser: the home page lists a finished run once the interactive circuit is up,
/// and its run page shows the phases and draws the latency and throughput charts (which only exist after
/// the page has connected, so a plain HTTP GET cannot see them).
/// </summary>
[Trait("Category", "Browser")]
[Collection(EndToEndCollection.Name)]
public sealed class DashboardBrowserTests : WebAppTest
{
    private const string Preset = "deepseek-r1-mxfp4";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    [BrowserFact]
    public async Task Home_lists_the_run_and_its_page_draws_the_charts()
    {
        var cli = await StartWebAsync(NoFirstNight);
        var run = await cli.RunAsync(RunTimeout, "run", "--preset", Preset, "--node", "sim-node-1", "--wait", "--json");
        Assert.True(run.ExitCode == 0, $"the run failed:\n{run}");
        var runId = JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("id").GetString()!;

        await using var browser = await DashboardBrowser.OpenAsync();
        var page = browser.Page;

        await page.GotoAsync(Web!.BaseAddress.ToString());
        var link = page.Locator($"a[href*='{runId}']");
        await Assertions.Expect(link).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("text=SUCCEEDED").First).ToBeVisibleAsync();

        // The circuit's first render replaces the prerendered rows, and a click in that instant is lost: click once the
        // circuit is up (the day picker is enabled only then). The page polls but re-renders only when its runs change.
        await Assertions.Expect(page.Locator(".day-picker input[name='day']")).ToBeEnabledAsync(new() { Timeout = PageNavigation.Timeout });
        await link.ClickAsync();
        await page.ExpectAtPathAsync($"runs/{runId}");
        await Assertions.Expect(page.Locator("text=gsm8k_gate").First).ToBeVisibleAsync();
        // A drawn Radzen line chart has an SVG path per series; wait for the circuit to render them.
        await Assertions.Expect(page.Locator(".rz-chart svg path").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.True(await page.Locator(".rz-chart svg path").CountAsync() > 2, "the run page's charts drew no series");

        await browser.ScreenshotAsync("simulated-run");

        // Nodes and schedules: the simulated node, and the seeded schedule with its next firing in its own zone.
        await page.GotoAsync(new Uri(Web!.BaseAddress, "nodes").ToString());
        await Assertions.Expect(page.Locator("td", new() { HasTextString = "sim-node-1" }).First).ToBeVisibleAsync();
        var schedule = page.Locator("table.schedules-table tr", new() { HasTextString = "sim-nightly" });
        await Assertions.Expect(schedule.Locator("td.next-firing")).ToContainTextAsync("America/Los_Angeles");
        await Assertions.Expect(schedule).ToContainTextAsync("grok1-int4 on sim-node-1 (online)");
        await browser.ScreenshotAsync("nodes");
        browser.AssertNoErrors();
    }
}
