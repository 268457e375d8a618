using System.Text.Json;
using SglangCi.Cli.Output;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using Spectre.Console;

namespace SglangCi.Integration.Tests.Cli;

/// <summary><c>show</c>'s point output: goodput (null when absent) and the failure reasons with their counts.</summary>
public sealed class RunOutputTests
{
    private static BenchmarkPointResult Point(double load) => new(
        LoadKind.Concurrency, load, 0, Completed: 38, Failed: 0, DurationSeconds: 10, RequestThroughput: 3.8,
        InputTokenThroughput: 100, OutputTokenThroughput: 200, TotalTokenThroughput: 300, Concurrency: load,
        new LatencyStats(1, 1, 1, 1, 1, 0, 1), LatencyStats.Empty, LatencyStats.Empty, new LatencyStats(5, 5, 5, 5, 5, 0, 5));

    [Fact]
    public void Point_json_has_goodput_and_failure_reasons()
    {
        var failing = Point(4) with
        {
            Failed = 2,
            Goodput = 3.5,
            FailureReasons = [new FailureReason("HTTP 500: injected", 2)],
        };

        var json = JsonDocument.Parse(JsonSerializer.Serialize(PointJson.From(failing), JsonOutput.Options)).RootElement;
        var clean = JsonDocument.Parse(JsonSerializer.Serialize(PointJson.From(Point(1)), JsonOutput.Options)).RootElement;

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
