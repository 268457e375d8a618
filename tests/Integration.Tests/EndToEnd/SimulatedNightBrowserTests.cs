using System.Text.Json;
using Microsoft.Playwright;
using SglangCi.Integration.Tests.Infrastructure;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Tests.Downloads;
using Xunit.Abstractions;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// The first night as a person meets it in a browser: the dashboard starts on an empty data directory and fires
/// <c>sim-nightly</c> by itself, then its daily summary; with the registry and the Hugging Face Hub on loopback (this
/// machine reaches neither), every run of every kind succeeds, the home page and the hardware page name each run's kind,
/// and each kind's run page opens and lists the run's checks, one row per check, as recorded. The kinds come from
/// <c>deploy/schedules/sim.json</c>, so a kind switched on there is covered here.
/// </summary>
[Trait("Category", "Browser")]
[Collection(EndToEndCollection.Name)]
public sealed class SimulatedNightBrowserTests(ITestOutputHelper output) : WebAppTest
{
    private const string Schedule = "sim-nightly";
    private const string SummarySchedule = "sim-daily-summary";
    private const string TokenizerRepo = "Xenova/grok-1-tokenizer";
    private static readonly TimeSpan FirstNightTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan QuickCommand = TimeSpan.FromSeconds(60);
    private static readonly LocatorAssertionsToBeVisibleOptions Patiently = new() { Timeout = 30_000 };

    /// <summary>What the pages call each kind. Plain online is left unsaid, so it has no title to look for.</summary>
    private static readonly IReadOnlyDictionary<RunMode, string> KindTitles = new Dictionary<RunMode, string>
    {
        [RunMode.Offline] = "Offline",
        [RunMode.Sanity] = "Sanity check",
        [RunMode.UnitTest] = "Unit test",
        [RunMode.PdDisaggregation] = "PD disaggregation",
        [RunMode.ModelDownload] = "Model download",
        [RunMode.Housekeeping] = "Housekeeping",
        [RunMode.DailySummary] = "Daily summary",
        [RunMode.ImageCheck] = "Image check",
    };

    [BrowserFact]
    public async Task First_night_shows_every_enabled_kind_with_its_label_and_checks()
    {
        Assert.True(File.Exists(Layout.Gsm8kDataset), $"GSM8K dataset missing at {Layout.Gsm8kDataset} (set SGLCI_SHARED_DIR)");
        var jobs = EnabledJobKinds();
        var kinds = jobs.Distinct().Order().ToList();
        output.WriteLine($"{Schedule} enables {jobs.Count} jobs of kinds {string.Join(", ", kinds.Select(k => k.WireName()))}");
        // The registry and the Hub this machine cannot reach, on loopback: tonight's images exist, the tokenizer is there.
        using var registry = new DockerHubTagsServer(NightlyTagsAroundToday());
        using var hub = new HuggingFaceMirrorServer();
        hub.AddRepo(TokenizerRepo, new Dictionary<string, byte[]> { ["tokenizer.json"] = new byte[4096], ["tokenizer_config.json"] = "{}"u8.ToArray() });
        var cli = await StartWebAsync(new Dictionary<string, string>
        {
            ["SglangCi__Images__Registry"] = registry.BaseUrl.AbsoluteUri,
            ["SglangCi__Downloads__Endpoint"] = hub.BaseUrl.AbsoluteUri,
            ["SglangCi__Downloads__BaseDirectory"] = Path.Combine(DataDirectory, "models"),
        });

        var night = await WaitForRunsAsync(cli, Schedule, jobs.Count);
        var summary = await WaitForRunsAsync(cli, SummarySchedule, 1);
        jobs.Add(RunMode.DailySummary);
        kinds = jobs.Distinct().Order().ToList();
        night = [.. night, .. summary];
        var runsByKind = kinds.ToDictionary(kind => kind, kind => night.Where(run => IsOfKind(run, kind)).ToList());
        foreach (var (kind, runs) in runsByKind)
        {
            Assert.True(runs.Count > 0, $"no run of kind {kind.WireName()} in the first night:\n{string.Join('\n', night.Select(Describe))}");
        }

        // Every kind does its whole job on the simulated node: nothing failed, nothing was skipped.
        Assert.All(night, run => Assert.True(run.GetProperty("status").GetString() == "succeeded", Describe(run)));

        await using var browser = await DashboardBrowser.OpenAsync(1366, 900);
        await AssertHomePageLabelsEveryRunAsync(browser, runsByKind);
        await AssertHardwarePageLabelsEveryRunAsync(browser, runsByKind);
        foreach (var (kind, runs) in runsByKind)
        {
            await AssertRunPageShowsChecksAsync(browser, kind, runs[0]);
        }

        browser.AssertNoErrors();
    }

    /// <summary>The kind of every enabled job of <see cref="Schedule"/>, one entry per job.</summary>
    private List<RunMode> EnabledJobKinds()
    {
        var path = Path.Combine(Layout.Root, "deploy", "schedules", "sim.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var schedule = document.RootElement.GetProperty("schedules").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == Schedule);
        var kinds = new List<RunMode>();
        foreach (var job in schedule.GetProperty("jobs").EnumerateArray())
        {
            // A job without "enabled" is on, as the schedule loader reads it.
            if (job.TryGetProperty("enabled", out var enabled) && !enabled.GetBoolean())
            {
                continue;
            }

            var mode = job.GetProperty("mode").GetString();
            Assert.True(RunModes.TryParse(mode, out var kind), $"{path}: job mode '{mode}' is not a run kind");
            kinds.Add(kind);
        }

        Assert.NotEmpty(kinds);
        return kinds;
    }

    /// <summary>mi30x and mi35x rocm700 nightly tags for yesterday, today and tomorrow: whatever day it is in the schedule's
    /// zone when it fires, the image check finds its night's images.</summary>
    private static string[] NightlyTagsAroundToday()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return [.. Enumerable.Range(-1, 3)
            .Select(offset => today.AddDays(offset).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture))
            .SelectMany(day => new[] { $"v0.5.6-rocm700-mi30x-{day}", $"v0.5.6-rocm700-mi35x-{day}" })];
    }

    /// <summary>The runs fired for <paramref name="schedule"/>, once at least <paramref name="jobCount"/> exist and all have ended.</summary>
    private async Task<IReadOnlyList<JsonElement>> WaitForRunsAsync(CliRunner cli, string schedule, int jobCount)
    {
        var deadline = DateTime.UtcNow + FirstNightTimeout;
        ProcessResult? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await cli.RunAsync(QuickCommand, "runs", "--json");
            if (last.ExitCode == 0)
            {
                var runs = JsonDocument.Parse(last.StandardOutput).RootElement.EnumerateArray()
                    .Where(r => r.GetProperty("jobKey").GetString()?.StartsWith(schedule + "/", StringComparison.Ordinal) == true)
                    .ToList();
                var terminal = runs.Count(r => r.GetProperty("status").GetString() is "succeeded" or "failed" or "skipped");
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {schedule}: {runs.Count} of {jobCount} runs, {terminal} finished");
                if (runs.Count >= jobCount && terminal == runs.Count)
                {
                    foreach (var run in runs)
                    {
                        output.WriteLine(Describe(run));
                    }

                    return runs;
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        Assert.Fail($"{schedule} did not end {jobCount} runs within {FirstNightTimeout}; last `runs --json`:\n{last}\n--- web ---\n{Web!.CapturedOutput}");
        return [];
    }

    private async Task AssertHomePageLabelsEveryRunAsync(DashboardBrowser browser, Dictionary<RunMode, List<JsonElement>> runsByKind)
    {
        var page = browser.Page;
        await page.GotoAsync(Web!.BaseAddress.ToString());
        foreach (var (kind, runs) in runsByKind)
        {
            foreach (var run in runs)
            {
                var row = page.Locator(".runs-grid tr", new() { Has = page.Locator($"a[href='{RunHref(run)}']") });
                await Assertions.Expect(row).ToBeVisibleAsync(Patiently);
                if (KindTitles.TryGetValue(kind, out var title))
                {
                    await Assertions.Expect(row).ToContainTextAsync(title);
                }
            }
        }

        await browser.ScreenshotAsync("night-home");
    }

    /// <summary>Every run is a task row of its hardware's night, its kind named the way the home page names it.</summary>
    private async Task AssertHardwarePageLabelsEveryRunAsync(DashboardBrowser browser, Dictionary<RunMode, List<JsonElement>> runsByKind)
    {
        var page = browser.Page;
        var nights = runsByKind.SelectMany(pair => pair.Value.Select(run => (Kind: pair.Key, Run: run)))
            .GroupBy(x => (Hardware: x.Run.GetProperty("hardware").GetString()!, Day: DayOf(x.Run)));
        foreach (var night in nights)
        {
            await page.GotoAsync(new Uri(Web!.BaseAddress, $"hardware/{Uri.EscapeDataString(night.Key.Hardware)}?date={night.Key.Day}").ToString());
            foreach (var (kind, run) in night)
            {
                var row = page.Locator("tr.task-row", new() { Has = page.Locator($"a[href='{RunHref(run)}']") });
                await Assertions.Expect(row).ToBeVisibleAsync(Patiently);
                if (KindTitles.TryGetValue(kind, out var title))
                {
                    await Assertions.Expect(row).ToContainTextAsync(title);
                }
            }

            await browser.ScreenshotAsync($"night-hardware-{night.Key.Hardware}-{night.Key.Day}");
        }
    }

    /// <summary>
    /// The run page names the run and its kind, and shows exactly the checks the record holds (read from the
    /// dashboard's API, the record the page reads too), in order; a run without checks has no Checks section at all.
    /// </summary>
    private async Task AssertRunPageShowsChecksAsync(DashboardBrowser browser, RunMode kind, JsonElement run)
    {
        var id = run.GetProperty("id").GetString()!;
        var page = browser.Page;
        await page.GotoAsync(new Uri(Web!.BaseAddress, RunHref(run)).ToString());
        await Assertions.Expect(page.Locator("h1").First).ToContainTextAsync(id, new() { Timeout = 30_000 });
        if (KindTitles.TryGetValue(kind, out var title))
        {
            await Assertions.Expect(page.Locator(".run-kind")).ToHaveTextAsync(title);
        }

        var checks = await RecordedChecksAsync(id);
        output.WriteLine($"{kind.WireName()} run {id}: {checks.Count} checks ({string.Join(", ", checks.Select(c => c.Name))})");
        var rows = page.Locator(".checks-table tr.check-row");
        if (checks.Count == 0)
        {
            await Assertions.Expect(page.Locator("h2", new() { HasTextString = "Checks" })).ToHaveCountAsync(0);
            await Assertions.Expect(rows).ToHaveCountAsync(0);
        }
        else
        {
            await Assertions.Expect(page.Locator("h2", new() { HasTextString = "Checks" })).ToBeVisibleAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(checks.Count);
            for (var i = 0; i < checks.Count; i++)
            {
                await Assertions.Expect(rows.Nth(i).Locator("td").First).ToHaveTextAsync(checks[i].Name);
            }

            // A sanity check's spread over its trials leads the section.
            if (checks.FirstOrDefault(c => c.Name == "gsm8k-mean") is { Detail: { Length: > 0 } spread })
            {
                await Assertions.Expect(page.Locator(".check-spread")).ToContainTextAsync(spread);
            }
        }

        await browser.ScreenshotAsync($"night-run-{kind.WireName()}");
    }

    private async Task<IReadOnlyList<(string Name, string? Detail)>> RecordedChecksAsync(string runId)
    {
        using var response = await Http.GetAsync(new Uri(Web!.BaseAddress, $"api/runs/{Uri.EscapeDataString(runId)}"));
        Assert.True(response.IsSuccessStatusCode, $"/api/runs/{runId} answered {(int)response.StatusCode}");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("checks").EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("detail").GetString()))
            .ToList();
    }

    // A variant preset's online run stores online_<suffix>; it is still an online run.
    private static bool IsOfKind(JsonElement run, RunMode kind)
    {
        var mode = run.GetProperty("mode").GetString();
        return string.Equals(mode, kind.WireName(), StringComparison.OrdinalIgnoreCase)
            || (kind == RunMode.Online && mode?.StartsWith(RunMode.Online.WireName() + "_", StringComparison.OrdinalIgnoreCase) == true);
    }

    private static string RunHref(JsonElement run) => "runs/" + Uri.EscapeDataString(run.GetProperty("id").GetString()!);

    // A run's night is its image date, else the day it started (UTC), as the hardware page files it.
    private static string DayOf(JsonElement run) =>
        run.GetProperty("imageDate").GetString() ?? run.GetProperty("startedAt").GetString()![..10];

    private static string Describe(JsonElement run) =>
        $"  {run.GetProperty("id").GetString()} {run.GetProperty("mode").GetString()} {run.GetProperty("status").GetString()} {run.GetProperty("reason").GetString()}";
}
