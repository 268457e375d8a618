using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using SglangCi.Integration.Tests.Infrastructure;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// A run's logs through the dashboard process: the read API follows a running run's log from the offsets it returns
/// until the run ends, and the run page shows the log growing while the run goes (following the end), then complete.
/// The simulated engine takes a few seconds to "load the model", so the run is still going when the page opens.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RunLogEndToEndTests : WebAppTest
{
    private const string Preset = "deepseek-r1-mxfp4";
    private const string Node = "sim-node-1";
    private static readonly TimeSpan QuickCommand = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    private static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["SglangCi__FirstStart__RunNight"] = "false",
        ["SglangCi__Simulator__StartupDelay"] = "00:00:06",
    };

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task The_api_lists_a_runs_logs_and_follows_the_run_log_from_its_offsets_until_the_run_ends()
    {
        var cli = await StartWebAsync(Settings);
        var runId = await StartRunAsync(cli);

        using var list = await GetJsonAsync($"api/runs/{runId}/logs");
        Assert.Contains("run", list.RootElement.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.False(list.RootElement.GetProperty("imported").GetBoolean());

        // Follow in small pieces: each answer says where the next read starts; pieces are whole lines within the bound.
        var followed = new StringBuilder();
        long offset = 0;
        var deadline = DateTime.UtcNow + RunTimeout;
        var sawLive = false;
        while (true)
        {
            using var chunk = await GetJsonAsync($"api/runs/{runId}/logs/run?offset={offset}&max=2048");
            var root = chunk.RootElement;
            Assert.Equal(offset, root.GetProperty("offset").GetInt64());
            var text = root.GetProperty("text").GetString()!;
            Assert.True(Encoding.UTF8.GetByteCount(text) <= 2048, "a piece exceeded ?max");
            Assert.True(text.Length == 0 || text.EndsWith('\n'), "a piece ended inside a line");
            followed.Append(text);
            offset = root.GetProperty("nextOffset").GetInt64();
            var live = root.GetProperty("isLive").GetBoolean();
            sawLive |= live;
            if (!live && !root.GetProperty("hasMore").GetBoolean())
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the run did not end within {RunTimeout}; log so far:\n{followed}");
            if (!root.GetProperty("hasMore").GetBoolean())
            {
                await Task.Delay(500);
            }
        }

        Assert.True(sawLive, "the log was never read while the run was going");
        var log = followed.ToString();
        Assert.Contains($"run {runId} queued", log, StringComparison.Ordinal);
        Assert.Contains("GSM8K gate PASSED", log, StringComparison.Ordinal);
        Assert.Contains("benchmark concurrency 1 repetition 1:", log, StringComparison.Ordinal);
        Assert.Contains("run finished: SUCCEEDED", log, StringComparison.Ordinal);

        // The whole log as text is what following it gave; the tail is its end.
        Assert.Equal(log, await Http.GetStringAsync(new Uri(Web!.BaseAddress, $"api/runs/{runId}/logs/run?format=text")));
        using var tail = await GetJsonAsync($"api/runs/{runId}/logs/run?tail=300");
        Assert.EndsWith(tail.RootElement.GetProperty("text").GetString()!, log, StringComparison.Ordinal);
        Assert.Contains("fired up and ready to roll", await Http.GetStringAsync(new Uri(Web!.BaseAddress, $"api/runs/{runId}/logs/server?format=text")), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri(Web!.BaseAddress, $"api/runs/{runId}/logs/nope"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri(Web!.BaseAddress, $"api/runs/{runId}/logs/..%2F..%2Fsglang-ci.db"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync(new Uri(Web!.BaseAddress, $"api/runs/{runId}/logs/run?offset=abc"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri(Web!.BaseAddress, "api/runs/no-such-run/logs"))).StatusCode);
    }

    [BrowserFact]
    [Trait("Category", "Browser")]
    public async Task The_run_page_tails_the_log_while_the_run_goes_and_shows_it_complete_when_it_ends()
    {
        var cli = await StartWebAsync(Settings);
        var runId = await StartRunAsync(cli);

        await using var browser = await DashboardBrowser.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync(new Uri(Web!.BaseAddress, $"runs/{runId}").ToString());

        var pane = page.Locator("pre.runlog-text");
        await Assertions.Expect(pane).ToContainTextAsync($"run {runId} queued", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".runlog-following")).ToBeVisibleAsync();
        var before = (await pane.InnerTextAsync()).Length;
        await browser.ScreenshotAsync("run-log-live");

        // Live tail: lines the run writes after the page opened appear without a reload.
        await Assertions.Expect(pane).ToContainTextAsync("phase benchmark started", new() { Timeout = (float)RunTimeout.TotalMilliseconds });
        Assert.True((await pane.InnerTextAsync()).Length > before, "the log did not grow on the page");
        Assert.True(await pane.EvaluateAsync<bool>("el => el.scrollHeight - el.scrollTop - el.clientHeight < 40"), "the pane does not follow the end of the log");

        await Assertions.Expect(page.Locator(".runlog-finished")).ToBeVisibleAsync(new() { Timeout = (float)RunTimeout.TotalMilliseconds });
        await Assertions.Expect(pane).ToContainTextAsync("run finished: SUCCEEDED");
        await Assertions.Expect(page.Locator(".runlog-following")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("run-log-finished");

        await page.Locator(".runlog-tab[data-log='server']").ClickAsync();
        await Assertions.Expect(pane).ToContainTextAsync("The server is fired up and ready to roll!");
        await Assertions.Expect(page.Locator(".runlog-tab[data-log='server']")).ToHaveAttributeAsync("aria-selected", "true");
        await browser.ScreenshotAsync("run-log-server");
        browser.AssertNoErrors();
    }

    private static async Task<string> StartRunAsync(CliRunner cli)
    {
        var started = await cli.RunAsync(QuickCommand, "run", "--preset", Preset, "--node", Node, "--json");
        Assert.True(started.ExitCode == 0, $"the run did not start:\n{started}");
        return JsonDocument.Parse(started.StandardOutput).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(Web!.BaseAddress, path));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
