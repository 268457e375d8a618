using System.Text.Json;
using SglangCi.Cli.Output;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using Spectre.Console;

namespace SglangCi.Integration.Tests.Cli;

/// <summary>
/// The run JSON contract of <c>runs --json</c> and <c>show --json</c> (every key the Foundation issue names, in its order,
/// absent values null, times ISO 8601 UTC), and <c>show</c>'s point output: goodput (null when absent) and the failure
/// reasons with their counts.
/// </summary>
public sealed class RunOutputTests
{
    private static BenchmarkPointResult Point(double load) => new(
        LoadKind.Concurrency, load, 0, Completed: 38, Failed: 0, DurationSeconds: 10, RequestThroughput: 3.8,
        InputTokenThroughput: 100, OutputTokenThroughput: 200, TotalTokenThroughput: 300, Concurrency: load,
        new LatencyStats(1, 1, 1, 1, 1, 0, 1), LatencyStats.Empty, LatencyStats.Empty, new LatencyStats(5, 5, 5, 5, 5, 0, 5));

    private static readonly string[] RunKeys =
        ["id", "preset", "model", "node", "host", "hardware", "mode", "image", "imageDate", "status", "reason", "startedAt", "finishedAt"];

    private static readonly string[] PointKeys =
    [
        "loadKind", "load", "repetition", "completed", "failed", "durationS", "requestThroughput", "inputTokenThroughput",
        "outputTokenThroughput", "ttftMs", "itlMs", "tpotMs", "e2eMs",
    ];

    [Fact]
    public void Runs_json_has_the_contracts_keys_in_order_and_nulls_for_what_is_not_known_yet()
    {
        var queued = new RunSummary("r1", "grok1-int4", 3, "GROK1", "sim-node-1", "sim-host", "sim", "Online", null, null,
            RunStatus.Queued, null, null, null, RunPhase.Queued, "cli");

        var json = Serialize(RunJson.From(queued));

        // jobKey is our one addition (the schedule job a run was fired for); everything else is the list.
        Assert.Equal([.. RunKeys[..7], "jobKey", .. RunKeys[7..]], Keys(json));
        Assert.Equal("online", json.GetProperty("mode").GetString());
        Assert.Equal("queued", json.GetProperty("status").GetString());
        foreach (var absent in new[] { "image", "imageDate", "reason", "startedAt", "finishedAt", "jobKey" })
        {
            Assert.Equal(JsonValueKind.Null, json.GetProperty(absent).ValueKind);
        }
    }

    [Fact]
    public void Show_json_has_every_key_of_the_contract_in_order_with_utc_times()
    {
        var started = new DateTimeOffset(2025, 12, 6, 1, 2, 3, TimeSpan.FromHours(-6));
        var run = new RunSummary("r1", "grok1-int4", 3, "GROK1", "sim-node-1", "sim-host", "sim", "Online", "sim:20251206",
            new DateOnly(2025, 12, 6), RunStatus.Succeeded, null, started, started.AddMinutes(30), RunPhase.Done, "cli");
        var gate = new Gsm8kGateResult(0.8, 0.91, 0.01, Passed: true, "first passing trial", [new Gsm8kTrialResult(1, 0.91, 0.01, 12.5, 800, 200)]);
        var details = new RunDetails(run, [new PhaseRecord(RunPhase.Queued, started, started.AddSeconds(1), PhaseStatus.Succeeded)], gate, [Point(1)]);

        var json = Serialize(RunDetailsJson.From(details));

        Assert.Equal(
            [.. RunKeys[..2], "presetVersion", .. RunKeys[2..7], "jobKey", .. RunKeys[7..], "phases", "gsm8k", "points", "offline", "checks"],
            Keys(json));
        Assert.Equal(3, json.GetProperty("presetVersion").GetInt32());
        Assert.Equal("2025-12-06T07:02:03Z", json.GetProperty("startedAt").GetString());
        Assert.Equal("2025-12-06", json.GetProperty("imageDate").GetString());
        var phase = Assert.Single(json.GetProperty("phases").EnumerateArray().ToList());
        Assert.Equal(["name", "startedAt", "finishedAt", "status"], Keys(phase));
        Assert.Equal("succeeded", phase.GetProperty("status").GetString());
        var gsm8k = json.GetProperty("gsm8k");
        Assert.Equal(["threshold", "accuracy", "invalid", "trials"], Keys(gsm8k));
        Assert.Equal(["accuracy", "invalid", "latencyS"], Keys(Assert.Single(gsm8k.GetProperty("trials").EnumerateArray().ToList())));
        var point = Assert.Single(json.GetProperty("points").EnumerateArray().ToList());
        Assert.Equal("concurrency", point.GetProperty("loadKind").GetString());
        // The point carries more than the list (total throughput, concurrency, goodput, failures); its keys come in that order.
        Assert.Equal(PointKeys, Keys(point).Where(PointKeys.Contains));
        foreach (var metric in new[] { "ttftMs", "itlMs", "tpotMs", "e2eMs" })
        {
            var stats = Keys(point.GetProperty(metric));
            Assert.Equal(["mean", "median", "p90", "p95", "p99", "std"], stats.Where(k => k != "max"));
        }

        // A metric without samples is null, never 0.
        Assert.Equal(JsonValueKind.Null, point.GetProperty("itlMs").GetProperty("median").ValueKind);
    }

    private static JsonElement Serialize<T>(T value) => JsonDocument.Parse(JsonSerializer.Serialize(value, JsonOutput.Options)).RootElement;

    private static List<string> Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();

    [Fact]
    public void Point_json_has_goodput_and_failure_reasons()
    {
        var failing = Point(4) with
        {
            Failed = 2,
            Goodput = 3.5,
            FailureReasons = [new FailureReason("HTTP 500: injected", 2)],
        };

        var json = Serialize(PointJson.From(failing));
        var clean = Serialize(PointJson.From(Point(1)));

        Assert.Equal(3.5, json.GetProperty("goodput").GetDouble());
        var reason = Assert.Single(json.GetProperty("failureReasons").EnumerateArray().ToList());
        Assert.Equal("HTTP 500: injected", reason.GetProperty("reason").GetString());
        Assert.Equal(2, reason.GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, clean.GetProperty("goodput").ValueKind);
        Assert.Empty(clean.GetProperty("failureReasons").EnumerateArray());
    }

    [Fact]
    public void The_human_view_lists_failure_reasons_and_goodput_only_when_present()
    {
        var run = new RunSummary("r1", "p", 1, "M", "n", "h", "sim", "Online", null, null, RunStatus.Succeeded, null, null, null, RunPhase.Done, "test");
        var failing = Point(4) with { Failed = 2, Goodput = 3.5, FailureReasons = [new FailureReason("HTTP 500: injected", 2)] };

        var withFailures = Render(new RunDetails(run, [], null, [failing, Point(1)]));
        var clean = Render(new RunDetails(run, [], null, [Point(1)]));

        Assert.Contains("failed requests", withFailures);
        Assert.Contains("HTTP 500: injected", withFailures);
        Assert.Contains("goodput", withFailures);
        Assert.DoesNotContain("failed requests", clean);
        Assert.DoesNotContain("goodput", clean);
    }

    private static string Render(RunDetails details)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        RunDetailsView.Render(console, details);
        return writer.ToString();
    }
}
