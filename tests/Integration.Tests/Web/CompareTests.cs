using SglangCi.Grains.Reports.Compare;
using SglangCi.Interfaces.History;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Web.ViewModels;
using SglangCi.Web.ViewModels.Compare;

namespace SglangCi.Integration.Tests.Web;

/// <summary>
/// The compare page's arithmetic: which way each metric is better, relative change against a zero or missing baseline,
/// the neutral band, the best repetition per load point, the union of both sides' load points, the previous night, and
/// the query string.
/// </summary>
public sealed class CompareTests
{
    private static readonly DateOnly Oct28 = new(2025, 10, 28);
    private static readonly DateOnly Oct29 = new(2025, 10, 29);
    private static readonly CompareMetric E2eMedian = CompareMetric.Latency("E2E", "median");

    [Fact]
    public void Latency_is_lower_is_better_and_throughput_and_completions_higher_is_better()
    {
        Assert.All(CompareMetric.All.Where(m => m.Unit == "ms"), m => Assert.Equal(MetricDirection.LowerIsBetter, m.Direction));
        Assert.Equal(MetricDirection.HigherIsBetter, CompareMetric.OutputThroughput.Direction);
        Assert.Equal(MetricDirection.HigherIsBetter, CompareMetric.RequestThroughput.Direction);
        Assert.Equal(MetricDirection.HigherIsBetter, CompareMetric.Completed.Direction);
        Assert.Equal(MetricDirection.LowerIsBetter, CompareMetric.Failed.Direction);

        // A drop in latency is green, a rise red; the opposite for throughput.
        Assert.Equal(ChangeVerdict.Better, new MetricChange(E2eMedian, 900, 1000).Verdict);
        Assert.Equal(ChangeVerdict.Worse, new MetricChange(E2eMedian, 1100, 1000).Verdict);
        Assert.Equal(ChangeVerdict.Better, new MetricChange(CompareMetric.OutputThroughput, 1100, 1000).Verdict);
        Assert.Equal(ChangeVerdict.Worse, new MetricChange(CompareMetric.OutputThroughput, 900, 1000).Verdict);
        Assert.Equal("delta-better", new MetricChange(E2eMedian, 900, 1000).CssClass);
        Assert.Equal("delta-worse", new MetricChange(E2eMedian, 1100, 1000).CssClass);
    }

    [Fact]
    public void Change_is_A_against_B_with_a_neutral_band_of_two_percent()
    {
        var change = new MetricChange(E2eMedian, 1100, 1000);
        Assert.Equal(100, change.Absolute);
        Assert.Equal(0.1, change.Relative!.Value, 9);
        Assert.Equal("+100", change.AbsoluteText);
        Assert.Equal("+10.0 %", change.RelativeText);
        Assert.Equal("\u2212100", new MetricChange(E2eMedian, 900, 1000).AbsoluteText);

        Assert.Equal(ChangeVerdict.Neutral, new MetricChange(E2eMedian, 1019, 1000).Verdict);
        Assert.Equal(ChangeVerdict.Neutral, new MetricChange(CompareMetric.OutputThroughput, 981, 1000).Verdict);
        Assert.Equal(ChangeVerdict.Worse, new MetricChange(E2eMedian, 1020, 1000).Verdict);
        Assert.Equal("delta-neutral", new MetricChange(E2eMedian, 1000, 1000).CssClass);
    }

    [Fact]
    public void A_missing_side_gives_no_change_and_a_zero_baseline_no_relative_change()
    {
        var missing = new MetricChange(CompareMetric.OutputThroughput, 1000, null);
        Assert.Null(missing.Absolute);
        Assert.Null(missing.Relative);
        Assert.Equal(ChangeVerdict.Missing, missing.Verdict);
        Assert.Equal("delta-missing", missing.CssClass);
        Assert.Equal(Formats.None, missing.AbsoluteText);
        Assert.Equal(Formats.None, missing.RelativeText);

        // 0 → 3 failed requests: no ratio, but the absolute change still judges it.
        var failures = new MetricChange(CompareMetric.Failed, 3, 0);
        Assert.Equal(3, failures.Absolute);
        Assert.Null(failures.Relative);
        Assert.Equal(ChangeVerdict.Worse, failures.Verdict);
        Assert.Equal(ChangeVerdict.Neutral, new MetricChange(CompareMetric.Failed, 0, 0).Verdict);
        Assert.Equal(ChangeVerdict.Better, new MetricChange(CompareMetric.Completed, 5, 0).Verdict);

        // A broken log's NaN is no value, never a change.
        var point = Side("x", Point(1, 1, e2eMedian: double.NaN));
        Assert.Null(point[0].Value(E2eMedian));
    }

    [Fact]
    public void The_best_repetition_has_the_lowest_median_E2E()
    {
        var reps = new[] { Point(4, 1, e2eMedian: 1200), Point(4, 2, e2eMedian: 1100), Point(4, 3, e2eMedian: 1150) };
        Assert.Equal(2, BestRepetition.Pick(reps).Repetition);

        // Ties go to the earlier repetition; one without a median loses to any with one.
        Assert.Equal(1, BestRepetition.Pick([Point(4, 2, e2eMedian: 1000), Point(4, 1, e2eMedian: 1000)]).Repetition);
        Assert.Equal(2, BestRepetition.Pick([Point(4, 1, e2eMedian: null), Point(4, 2, e2eMedian: 5000)]).Repetition);

        var side = Side("run-a", reps);
        var only = Assert.Single(side);
        Assert.Equal((2, 3, ComparedPoint.ClientLog), (only.Repetition!.Value, only.Repetitions, only.Origin));
        Assert.Equal(1100, only.Value(E2eMedian));
    }

    [Fact]
    public void Load_points_are_the_union_of_both_sides_with_missing_values_left_missing()
    {
        var a = Side("run-a", Point(1, 1, e2eMedian: 500), Point(4, 1, e2eMedian: 900));
        var b = Side("run-b", Point(4, 1, e2eMedian: 1000), Point(16, 1, e2eMedian: 3000));

        var loads = LoadComparison.Union(a, b);
        Assert.Equal([1d, 4d, 16d], loads.Select(l => l.Load));
        Assert.Null(loads[0].B);
        Assert.Null(loads[2].A);
        Assert.All(loads[0].Changes, c => Assert.Equal(ChangeVerdict.Missing, c.Verdict));
        var e2e = loads[1].Changes.Single(c => c.Metric == E2eMedian);
        Assert.Equal((900d, 1000d, ChangeVerdict.Better), (e2e.A!.Value, e2e.B!.Value, e2e.Verdict));
        // Goodput is null on both sides: not a row at all.
        Assert.DoesNotContain(loads[1].Changes, c => c.Metric == CompareMetric.Goodput);
        // E2E mean, median and p99 dropped 10 %; everything else is the same on both sides.
        Assert.Equal(3, loads[1].Count(ChangeVerdict.Better));
        Assert.Equal(0, loads[1].Count(ChangeVerdict.Worse));
    }

    [Fact]
    public void A_run_without_client_logs_compares_its_most_trusted_summary_medians()
    {
        var details = Details("imported", Oct28, []) with
        {
            SummaryPoints =
            [
                new SummaryPoint("cron-log", LoadKind.Concurrency, 8, 999, 99, 9, "cron.log", 3),
                new SummaryPoint("csv", LoadKind.Concurrency, 8, 800, 80, 8, "night.csv", 2),
            ],
        };
        var only = Assert.Single(ComparedPoint.FromRun(details));
        Assert.Equal("csv", only.Origin);
        Assert.Equal(800, only.Value(E2eMedian));
        Assert.Null(only.Value(CompareMetric.OutputThroughput));

        var model = Comparison.Runs(CompareSelection.Runs("imported", "native"), details,
            Details("native", Oct29, [Point(8, 1, e2eMedian: 700)]), bAutoChosen: false);
        var load = Assert.Single(model.Loads);
        Assert.Equal(["csv"], model.A!.Origins);
        Assert.Contains(load.Changes, c => c.Metric == CompareMetric.OutputThroughput && c.A is null && c.B is not null && c.Verdict == ChangeVerdict.Missing);
        Assert.Equal(ChangeVerdict.Worse, load.Changes.Single(c => c.Metric == E2eMedian).Verdict);
    }

    [Fact]
    public void The_gate_change_is_in_points()
    {
        var gate = new GateComparison(Gate(0.80), Gate(0.815));
        Assert.Equal(-1.5, gate.DeltaPoints!.Value, 9);
        Assert.Equal("\u22121.5 pt", gate.DeltaText);
        Assert.Equal(ChangeVerdict.Neutral, gate.Change.Verdict);
        Assert.Equal(ChangeVerdict.Worse, new GateComparison(Gate(0.70), Gate(0.80)).Change.Verdict);
        Assert.Equal(Formats.None, new GateComparison(null, Gate(0.8)).DeltaText);
    }

    [Fact]
    public void The_gate_change_says_whether_it_is_beyond_the_luck_of_the_questions()
    {
        static Gsm8kGateResult Trials(params (double Accuracy, int Questions)[] trials) =>
            new(0.8, trials.Average(t => t.Accuracy), 0, true, "mean", [.. trials.Select((t, i) => new Gsm8kTrialResult(i + 1, t.Accuracy, 0, 1, null, t.Questions))]);

        var noise = new GateComparison(Trials((0.80, 100)), Trials((0.70, 100)));
        var real = new GateComparison(Trials((0.95, 1319), (0.95, 1319)), Trials((0.92, 1319), (0.92, 1319)));

        Assert.Equal("p = 0.102, within noise", noise.SignificanceText);
        Assert.True(real.Significance!.Significant);
        Assert.StartsWith("p = 0", real.SignificanceText, StringComparison.Ordinal);
        Assert.EndsWith(", significant", real.SignificanceText, StringComparison.Ordinal);
        Assert.Equal(Formats.None, new GateComparison(Gate(0.8), Gate(0.7)).SignificanceText); // no trials kept
    }

    [Fact]
    public void The_previous_night_is_the_latest_earlier_date_on_the_same_host()
    {
        TrendPoint[] trend =
        [
            Night("host-a", Oct28.AddDays(-3), 4, "run-old"),
            Night("host-a", Oct28, 1, "run-28"),
            Night("host-a", Oct28, 4, "run-28"),
            Night("host-a", Oct28, 16, "run-28-rerun"),
            Night("host-b", Oct28.AddDays(1), 4, "run-other-host"),
            Night("host-a", Oct29, 4, "run-29"),
        ];
        var previous = PreviousNight.Find(trend, "host-a", Oct29)!;
        Assert.Equal((Oct28, "run-28", 3), (previous.Date, previous.RunId, previous.Points.Count));
        Assert.Null(PreviousNight.Find(trend, "host-b", Oct29.AddDays(-1)));

        var nights = Comparison.Nights(CompareSelection.Parse("2025-10-29", null, "mi30x", "GROK1", "online", null), trend);
        Assert.Null(nights.Problem);
        Assert.Equal(("host-a", Oct28, true), (nights.B!.Host, nights.B.ImageDate!.Value, nights.B.AutoChosen));
        Assert.Equal([1d, 4d, 16d], nights.Loads.Select(l => l.Load));
        Assert.Equal(["run-28", "run-28-rerun"], nights.B.RunIds);
        Assert.Equal("compare?hw=mi30x&model=GROK1&mode=online&host=host-a&a=2025-10-29&b=2025-10-28", nights.PinnedHref);
        Assert.Equal([Oct29, Oct28, Oct28.AddDays(-3)], Comparison.NightDates(trend, "host-a"));

        Assert.NotNull(Comparison.Nights(CompareSelection.Parse("2025-10-29", "2025-10-01", "mi30x", "GROK1", "online", "host-a"), trend).Problem);
    }

    [Fact]
    public void The_query_string_names_runs_or_a_series_and_two_nights()
    {
        Assert.Equal(CompareKind.Runs, CompareSelection.Parse("run 1", " ", null, null, null, null).Kind);
        Assert.Equal("compare?a=run%201", CompareSelection.Parse("run 1", " ", null, null, null, null).Href);
        Assert.Equal(CompareKind.None, CompareSelection.None.Kind);
        var nights = CompareSelection.Nights("mi30x", "GROK1", "online", "h", Oct29, Oct28);
        Assert.Equal(CompareKind.Nights, nights.Kind);
        Assert.Equal((Oct29, Oct28), (nights.DateA!.Value, nights.DateB!.Value));
        Assert.Equal(nights, CompareSelection.Parse("2025-10-29", "2025-10-28", "mi30x", "GROK1", "online", "h"));
        Assert.Equal("online", CompareSelection.Parse("2025-10-29", null, "mi30x", "GROK1", null, null).NightMode);
    }

    private static IReadOnlyList<ComparedPoint> Side(string runId, params BenchmarkPointResult[] points) =>
        ComparedPoint.FromRun(Details(runId, Oct28, points));

    private static RunDetails Details(string runId, DateOnly date, IReadOnlyList<BenchmarkPointResult> points) => new(
        new RunSummary(runId, "grok1", 1, "GROK1", "node", "host-a", "mi30x", "online", "rocm/sgl-dev:v0.5.4-rocm630-mi30x-20251028",
            date, RunStatus.Succeeded, null, null, null, RunPhase.Done, "schedule"),
        [], null, points);

    private static BenchmarkPointResult Point(double load, int repetition, double? e2eMedian) => new(
        LoadKind.Concurrency, load, repetition, 100, 0, 60, 1.5, 1000, 800, 1800, load,
        new LatencyStats(50, 45, 60, 70, 90, 5, 100), new LatencyStats(5, 5, 6, 7, 9, 1, 20), new LatencyStats(6, 6, 7, 8, 10, 1, 12),
        new LatencyStats(e2eMedian, e2eMedian, null, null, e2eMedian * 2, null, null));

    private static Gsm8kGateResult Gate(double accuracy) => new(0.8, accuracy, 0, accuracy >= 0.8, "any trial ≥ threshold", []);

    private static TrendPoint Night(string host, DateOnly date, double load, string runId) =>
        new(host, date, "img", LoadKind.Concurrency, load, "client-log", runId, 1000, 100, 10, 11, 500, 2000);
}
