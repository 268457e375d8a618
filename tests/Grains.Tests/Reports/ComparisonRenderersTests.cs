using System.Text.Json;
using SglangCi.Grains.Reports.Compare;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Tests.Reports;

/// <summary>
/// The compare renderers on one constructed comparison of two runs: at concurrency 4 A's E2E latency is 10 % higher
/// (worse), its output throughput 10 % higher (better), its TTFT 1 % higher (within noise); A's GSM8K accuracy is 95 %
/// against 92 % over 2 × 1319 questions (significant). A's model name carries a script tag, which no format may emit.
/// </summary>
public sealed class ComparisonRenderersTests
{
    private const string HostileModel = "<script>alert('x')</script>";

    private static readonly Comparison Pair = Comparison.Runs(
        CompareSelection.Runs("run-a", "run-b"),
        Details("run-a", HostileModel, new DateOnly(2025, 10, 29), e2eMedian: 1100, outputThroughput: 880, ttftMedian: 50.5, accuracy: 0.95),
        Details("run-b", "GROK1", new DateOnly(2025, 10, 28), e2eMedian: 1000, outputThroughput: 800, ttftMedian: 50, accuracy: 0.92),
        bAutoChosen: false);

    private static readonly CompareMetric E2eMedian = CompareMetric.Latency("E2E", "median");
    private static readonly CompareMetric TtftMedian = CompareMetric.Latency("TTFT", "median");

    [Fact]
    public void The_comparison_under_test_has_one_change_of_each_verdict()
    {
        var load = Assert.Single(Pair.Loads);
        Assert.Equal(ChangeVerdict.Worse, Verdict(load, E2eMedian));
        Assert.Equal(ChangeVerdict.Better, Verdict(load, CompareMetric.OutputThroughput));
        Assert.Equal(ChangeVerdict.Neutral, Verdict(load, TtftMedian));
        Assert.True(Pair.Gate!.Significance!.Significant);
    }

    [Fact]
    public void Markdown_marks_each_metric_with_its_verdict_and_shows_the_gate_significance()
    {
        var markdown = ComparisonMarkdown.Render(Pair);

        Assert.Contains("| run | run-a | run-b |", markdown, StringComparison.Ordinal);
        Assert.Contains("| image date | 2025-10-29 | 2025-10-28 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| E2E median (ms) | 1100 | 1000 | +100 | +10.0 % | 🔴 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| throughput output tokens (tok/s) | 880 | 800 | +80 | +10.0 % | 🟢 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| TTFT median (ms) | 50.5 | 50 | +0.5 | +1.0 % | ⚪ |", markdown, StringComparison.Ordinal);
        Assert.Contains("| accuracy | 95.0% | 92.0% | +3.0 pt | 🟢 |", markdown, StringComparison.Ordinal);
        Assert.Contains("two-proportion z-test over every trial's answers): " + Pair.Gate!.SignificanceText, markdown, StringComparison.Ordinal);
        Assert.EndsWith(", significant", Pair.Gate.SignificanceText, StringComparison.Ordinal);
        Assert.Contains("### concurrency 4", markdown, StringComparison.Ordinal);

        Assert.DoesNotContain("<script>", markdown, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_is_a_standalone_page_with_coloured_cells_and_everything_encoded()
    {
        var html = ComparisonHtml.Render(Pair);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);

        // The CSS gives each verdict its colour; each change cell carries its verdict's class.
        Assert.Contains(".delta-worse { color: #a40e26", html, StringComparison.Ordinal);
        Assert.Contains(".delta-better { color: #116329", html, StringComparison.Ordinal);
        Assert.Contains(".delta-neutral { color: #57606a", html, StringComparison.Ordinal);
        Assert.Contains(Row(E2eMedian, "worse", "1100", "1000", "+100", "+10.0 %"), html, StringComparison.Ordinal);
        Assert.Contains(Row(CompareMetric.OutputThroughput, "better", "880", "800", "+80", "+10.0 %"), html, StringComparison.Ordinal);
        Assert.Contains(Row(TtftMedian, "neutral", "50.5", "50", "+0.5", "+1.0 %"), html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num delta-better\" title=\"better\">+3.0 pt</td>", html, StringComparison.Ordinal);
        Assert.Contains(Pair.Gate!.SignificanceText, html, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_the_sides_the_gate_and_every_metric_in_camel_case()
    {
        using var json = JsonDocument.Parse(ComparisonJson.Render(Pair));
        var root = json.RootElement;

        Assert.Equal("runs", root.GetProperty("kind").GetString());
        Assert.Equal(HostileModel, root.GetProperty("a").GetProperty("model").GetString());
        Assert.Equal("run-b", root.GetProperty("b").GetProperty("runId").GetString());
        Assert.Equal("2025-10-28", root.GetProperty("b").GetProperty("imageDate").GetString());

        var gate = root.GetProperty("gate");
        Assert.Equal(0.95, gate.GetProperty("a").GetProperty("accuracy").GetDouble(), 9);
        Assert.Equal(0.92, gate.GetProperty("b").GetProperty("accuracy").GetDouble(), 9);
        Assert.Equal(Pair.Gate!.Significance!.PValue, gate.GetProperty("pValue").GetDouble(), 12);
        Assert.True(gate.GetProperty("significant").GetBoolean());
        Assert.Equal("better", gate.GetProperty("verdict").GetString());

        var load = Assert.Single(root.GetProperty("loads").EnumerateArray());
        Assert.Equal("concurrency", load.GetProperty("loadKind").GetString());
        Assert.Equal(4, load.GetProperty("load").GetDouble());
        var metrics = load.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!);
        Assert.Equal(Pair.Loads[0].Changes.Select(c => c.Metric.Key), metrics.Keys);
        var e2e = metrics[E2eMedian.Key];
        Assert.Equal((1100d, 1000d, "worse"), (e2e.GetProperty("a").GetDouble(), e2e.GetProperty("b").GetDouble(), e2e.GetProperty("verdict").GetString()));
        Assert.Equal(10, e2e.GetProperty("changePercent").GetDouble(), 9);
        Assert.Equal("better", metrics[CompareMetric.OutputThroughput.Key].GetProperty("verdict").GetString());
        Assert.Equal("neutral", metrics[TtftMedian.Key].GetProperty("verdict").GetString());

        // 0 failed on both sides: no relative change, so changePercent is null, never 0.
        Assert.Equal(JsonValueKind.Null, metrics[CompareMetric.Failed.Key].GetProperty("changePercent").ValueKind);
    }

    [Fact]
    public void Every_format_reports_a_comparison_with_nothing_to_compare_by_its_problem()
    {
        var nothing = Comparison.Empty(CompareSelection.Runs("run-a", null), "No run has the id run-a.");

        Assert.Contains("No run has the id run-a.", ComparisonMarkdown.Render(nothing), StringComparison.Ordinal);
        Assert.Contains("No run has the id run-a.", ComparisonHtml.Render(nothing), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(ComparisonJson.Render(nothing));
        Assert.Equal("No run has the id run-a.", json.RootElement.GetProperty("problem").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("a").ValueKind);
    }

    private static ChangeVerdict Verdict(LoadComparison load, CompareMetric metric) => load.Changes.Single(c => c.Metric == metric).Verdict;

    private static string Row(CompareMetric metric, string verdict, string a, string b, string absolute, string relative) =>
        $"<tr data-metric=\"{metric.Key}\" data-verdict=\"{verdict}\"><th>{metric.Name}</th><td class=\"num\">{a}</td><td class=\"num\">{b}</td>"
        + $"<td class=\"num delta-{verdict}\" title=\"{(verdict == "neutral" ? "within noise" : verdict)}\">{absolute}</td>"
        + $"<td class=\"num delta-{verdict}\" title=\"{(verdict == "neutral" ? "within noise" : verdict)}\">{relative}</td></tr>";

    private static RunDetails Details(string runId, string model, DateOnly date, double e2eMedian, double outputThroughput, double ttftMedian, double accuracy) => new(
        new RunSummary(runId, "grok1", 1, model, "node-1", "host-1", "mi30x", "online", $"rocm/sgl-dev:v0.5.4-rocm630-mi30x-{date:yyyyMMdd}",
            date, RunStatus.Succeeded, null, null, null, RunPhase.Done, "schedule"),
        [],
        new Gsm8kGateResult(0.8, accuracy, 0, true, "mean", [Trial(1, accuracy), Trial(2, accuracy)]),
        [
            new BenchmarkPointResult(LoadKind.Concurrency, 4, 1, 100, 0, 60, 1.5, 1000, outputThroughput, 1800, 4,
                new LatencyStats(ttftMedian, ttftMedian, 60, 70, 90, 5, 100), new LatencyStats(5, 5, 6, 7, 9, 1, 20),
                new LatencyStats(6, 6, 7, 8, 10, 1, 12), new LatencyStats(e2eMedian, e2eMedian, null, null, null, null, null)),
        ]);

    private static Gsm8kTrialResult Trial(int number, double accuracy) => new(number, accuracy, 0, 1, null, 1319);
}
