using System.Text.Json;
using Xunit.Abstractions;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// The product as a user meets it: the dashboard process (with its embedded silo) starts on an empty data
/// directory, runs the first night on the simulated node, shows it on the home page, and the CLI starts
/// and follows a run of its own through the gateway.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(EndToEndCollection.Name)]
public sealed class WebAndCliEndToEndTests(ITestOutputHelper output) : WebAppTest
{
    private static readonly TimeSpan FirstNightTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CliRunTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan QuickCommand = TimeSpan.FromSeconds(60);
    private const int FirstNightMinimumRuns = 4;
    private const string SimulatedNode = "sim-node-1";

    [Fact]
    public async Task First_night_shows_on_the_dashboard_and_the_cli_runs_a_preset()
    {
        Assert.True(File.Exists(Layout.Gsm8kDataset), $"GSM8K dataset missing at {Layout.Gsm8kDataset} (set SGLCI_SHARED_DIR)");
        var cli = await StartWebAsync();

        var firstNight = await WaitForFirstNightAsync(cli);
        await AssertHomePageListsAsync(firstNight);
        await AssertShowMatchesAsync(cli, firstNight[0].GetProperty("id").GetString()!);
        await AssertRunsFiltersAsync(cli, firstNight);

        var preset = await ChoosePresetAsync(cli, firstNight);
        await AssertCliRunSucceedsAsync(cli, preset);
        await AssertLatencyMatchesSimulatorModelAsync(cli);

        var unknown = await cli.RunAsync(QuickCommand, "run", "--preset", "nope", "--node", SimulatedNode);
        Assert.True(unknown.ExitCode == 2, $"an unknown preset should exit 2:\n{unknown}");
    }

    private async Task<IReadOnlyList<JsonElement>> WaitForFirstNightAsync(CliRunner cli)
    {
        var deadline = DateTime.UtcNow + FirstNightTimeout;
        ProcessResult? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await cli.RunAsync(QuickCommand, "runs", "--json");
            if (last.ExitCode == 0)
            {
                var runs = JsonDocument.Parse(last.StandardOutput).RootElement.EnumerateArray().ToList();
                var terminal = runs.Count(r => r.GetProperty("status").GetString() is "succeeded" or "failed" or "skipped");
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} first night: {runs.Count} runs, {terminal} finished");
                if (runs.Count >= FirstNightMinimumRuns && terminal == runs.Count)
                {
                    return runs;
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        Assert.Fail($"the first night did not finish ≥ {FirstNightMinimumRuns} runs within {FirstNightTimeout}; last `runs --json`:\n{last}\n--- web ---\n{Web!.CapturedOutput}");
        return [];
    }

    private async Task AssertHomePageListsAsync(IReadOnlyList<JsonElement> runs)
    {
        // The page is prerendered on the server, so a plain GET already holds the runs.
        var html = await Http.GetStringAsync(Web!.BaseAddress);
        foreach (var run in runs)
        {
            var id = run.GetProperty("id").GetString()!;
            var preset = run.GetProperty("preset").GetString()!;
            Assert.True(html.Contains(id, StringComparison.Ordinal) || html.Contains(preset, StringComparison.Ordinal),
                $"the home page does not list run {id} (preset {preset})");
        }
    }

    private static async Task AssertShowMatchesAsync(CliRunner cli, string runId)
    {
        var shown = await cli.RunAsync(QuickCommand, "show", runId, "--json");
        Assert.True(shown.ExitCode == 0, $"show {runId} failed:\n{shown}");
        var run = JsonDocument.Parse(shown.StandardOutput).RootElement;
        Assert.Equal(runId, run.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Array, run.GetProperty("phases").ValueKind);
        Assert.Equal(JsonValueKind.Array, run.GetProperty("points").ValueKind);
    }

    /// <summary>
    /// <c>runs</c> filters by day (the image date, else the start date), by a range of days, and by hardware; a
    /// backwards range is a usage error (exit 2) that names both ends.
    /// </summary>
    private static async Task AssertRunsFiltersAsync(CliRunner cli, IReadOnlyList<JsonElement> firstNight)
    {
        // A run with neither an image date nor a start (none is expected) has no day to filter by.
        firstNight = firstNight.Where(r => r.GetProperty("imageDate").ValueKind == JsonValueKind.String || r.GetProperty("startedAt").ValueKind == JsonValueKind.String).ToList();
        Assert.NotEmpty(firstNight);
        var night = firstNight.Select(r => r.GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal);
        var day = firstNight.Select(RunDay).Max();

        async Task<HashSet<string>> IdsAsync(params string[] filter)
        {
            var result = await cli.RunAsync(QuickCommand, ["runs", .. filter, "--json"]);
            Assert.True(result.ExitCode == 0, $"runs {string.Join(' ', filter)} failed:\n{result}");
            return JsonDocument.Parse(result.StandardOutput).RootElement.EnumerateArray()
                .Select(r => r.GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal);
        }

        var ofTheDay = firstNight.Where(r => RunDay(r) == day).Select(r => r.GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(ofTheDay, (await IdsAsync("--date", Iso(day))).Intersect(night).ToHashSet(StringComparer.Ordinal));
        Assert.Empty((await IdsAsync("--from", Iso(day.AddDays(1)))).Intersect(night));
        Assert.Equal(night, (await IdsAsync("--from", Iso(day.AddDays(-7)), "--to", Iso(day))).Intersect(night).ToHashSet(StringComparer.Ordinal));
        Assert.Superset(night, await IdsAsync("--hardware", "sim"));
        Assert.Empty(await IdsAsync("--hardware", "mi30x"));

        var backwards = await cli.RunAsync(QuickCommand, "runs", "--from", Iso(day), "--to", Iso(day.AddDays(-1)));
        Assert.True(backwards.ExitCode == 2, $"a backwards range should exit 2:\n{backwards}");
        Assert.Contains($"--from ({Iso(day)}) is after --to ({Iso(day.AddDays(-1))})", backwards.ToString(), StringComparison.Ordinal);

        static DateOnly RunDay(JsonElement run) => run.GetProperty("imageDate").GetString() is { } imageDate
            ? DateOnly.ParseExact(imageDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : DateOnly.FromDateTime(DateTimeOffset.Parse(run.GetProperty("startedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);

        static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A seeded preset, preferring one whose online run already succeeded on the simulated node (the quickest such).</summary>
    private static async Task<string> ChoosePresetAsync(CliRunner cli, IReadOnlyList<JsonElement> firstNight)
    {
        var listed = await cli.RunAsync(QuickCommand, "presets", "--json");
        Assert.True(listed.ExitCode == 0, $"presets --json failed:\n{listed}");
        var presets = JsonDocument.Parse(listed.StandardOutput).RootElement.EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(presets);

        var provenQuickest = firstNight
            .Where(r => r.GetProperty("status").GetString() == "succeeded" && r.GetProperty("node").GetString() == SimulatedNode)
            .Where(r => r.GetProperty("mode").GetString() == "online") // `run` starts an online run: a sanity-only preset has no sweep
            .Where(r => presets.Contains(r.GetProperty("preset").GetString()!))
            .OrderBy(r => DateTimeOffset.Parse(r.GetProperty("finishedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                - DateTimeOffset.Parse(r.GetProperty("startedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
            .Select(r => r.GetProperty("preset").GetString())
            .FirstOrDefault();
        return provenQuickest ?? presets.Order(StringComparer.Ordinal).First();
    }

    private async Task AssertCliRunSucceedsAsync(CliRunner cli, string preset)
    {
        var result = await cli.RunAsync(CliRunTimeout, "run", "--preset", preset, "--node", SimulatedNode, "--wait", "--json");
        Assert.True(result.ExitCode == 0, $"run --preset {preset} --wait failed:\n{result}\n--- web ---\n{Web!.CapturedOutput}");

        var run = JsonDocument.Parse(result.StandardOutput).RootElement;
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(preset, run.GetProperty("preset").GetString());

        var points = run.GetProperty("points").EnumerateArray().ToList();
        Assert.NotEmpty(points);
        foreach (var point in points)
        {
            foreach (var metric in new[] { "ttftMs", "itlMs", "e2eMs" })
            {
                Assert.True(point.GetProperty(metric).GetProperty("median").ValueKind == JsonValueKind.Number,
                    $"{metric}.median is not a number at load {point.GetProperty("load")}: {point}");
            }
        }

        var gate = run.GetProperty("gsm8k");
        Assert.Equal(JsonValueKind.Object, gate.ValueKind);
        Assert.NotEmpty(gate.GetProperty("trials").EnumerateArray());
    }

    /// <summary>
    /// The figures the CLI reports mean what the simulator's latency model says: at concurrency 1 a request
    /// is alone, so its TTFT is one prefill of the whole prompt and each later token one decode step at batch 1.
    /// A DeepSeek preset is used because its plan has fixed lengths (range ratio 1) and a concurrency-1 point.
    /// </summary>
    private async Task AssertLatencyMatchesSimulatorModelAsync(CliRunner cli)
    {
        const string preset = "deepseek-r1-mxfp4";
        var plan = JsonDocument.Parse(File.ReadAllText(Path.Combine(Layout.Root, "deploy", "presets", preset + ".json")))
            .RootElement.GetProperty("benchmark").GetProperty("sim");
        var inputLength = plan.GetProperty("inputLength").GetInt32();

        var result = await cli.RunAsync(CliRunTimeout, "run", "--preset", preset, "--node", SimulatedNode, "--wait", "--json");
        Assert.True(result.ExitCode == 0, $"run --preset {preset} --wait failed:\n{result}\n--- web ---\n{Web!.CapturedOutput}");
        var alone = JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("points").EnumerateArray()
            .Single(p => p.GetProperty("loadKind").GetString() == "concurrency" && p.GetProperty("load").GetDouble() == 1);

        var expectedTtft = SimulatedEngine.LatencyModel.ExpectedTtftMs(SimulatorSettings.Options, inputLength);
        var expectedItl = SimulatedEngine.LatencyModel.ExpectedDecodeStepMs(SimulatorSettings.Options, 1);
        AssertWithin(expectedTtft, alone.GetProperty("ttftMs").GetProperty("median").GetDouble(), "median TTFT");
        AssertWithin(expectedItl, alone.GetProperty("itlMs").GetProperty("median").GetDouble(), "median ITL");
        AssertWithin(expectedItl, alone.GetProperty("tpotMs").GetProperty("median").GetDouble(), "median TPOT");
        output.WriteLine($"concurrency 1: TTFT expected {expectedTtft:F2} ms, measured {alone.GetProperty("ttftMs").GetProperty("median").GetDouble():F2} ms; " +
            $"ITL expected {expectedItl:F2} ms, measured {alone.GetProperty("itlMs").GetProperty("median").GetDouble():F2} ms");
    }

    private static void AssertWithin(double expected, double measured, string what) =>
        Assert.True(Math.Abs(measured - expected) <= 0.10 * expected,
            $"{what}: measured {measured:F2} ms is not within 10% of the latency model's {expected:F2} ms");
}
