using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.LoadGeneration;
using SglangCi.Toolkit.Metrics;

namespace SglangCi.Grains.Runs;

/// <summary>Turns the toolkit's report into the stored point (the contracts know no toolkit types).</summary>
public static class BenchmarkPointMapping
{
    public static BenchmarkPointResult From(LoadKind kind, double load, int repetition, BenchmarkReport report) => new(
        kind,
        load,
        repetition,
        report.Completed,
        report.Failed,
        report.DurationSeconds,
        report.RequestThroughput,
        report.InputTokenThroughput,
        report.OutputTokenThroughput,
        report.TotalTokenThroughput,
        report.Concurrency,
        Stats(report.TtftMs),
        Stats(report.ItlMs),
        Stats(report.TpotMs),
        Stats(report.E2eMs));

    public static LatencyStats Stats(MetricSummary summary) =>
        summary.Count == 0
            ? LatencyStats.Empty
            : new LatencyStats(summary.Mean, summary.Median, summary.P90, summary.P95, summary.P99, summary.Std, summary.Max);

    /// <summary>
    /// The toolkit options for one load point: a concurrency sweep sends everything at once under a cap; a rate
    /// sweep is Poisson with no cap. Runs drive SGLang's native <c>/generate</c>, as the old nightly's
    /// <c>bench_serving --backend sglang</c> did, so the series continue the history they are compared with.
    /// </summary>
    public static LoadGeneratorOptions Options(Uri baseUrl, BenchmarkPlan plan, LoadPoint point, int repetition) => new(
        baseUrl,
        Model: null,
        NumPrompts: point.NumPrompts,
        InputLength: plan.InputLength,
        OutputLength: plan.OutputLength,
        RangeRatio: plan.RangeRatio,
        RequestRate: plan.LoadKind == LoadKind.Rate ? point.Load : double.PositiveInfinity,
        MaxConcurrency: plan.LoadKind == LoadKind.Concurrency ? (int)point.Load : null,
        Seed: repetition + 1)
    {
        Backend = BenchmarkBackend.Sglang,
    };
}
