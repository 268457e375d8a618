using System.Globalization;
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
        Stats(report.E2eMs))
    {
        Goodput = report.RequestGoodput is { } goodput && double.IsFinite(goodput) ? goodput : null,
        FailureReasons = FailureReasons(report.Errors),
    };

    /// <summary>
    /// The distinct reasons requests failed with their counts, most frequent first (ties by reason), at most
    /// <see cref="BenchmarkPointResult.MaxFailureReasons"/> — the same grouping as <c>bench serve --json</c>'s errors.
    /// </summary>
    public static IReadOnlyList<FailureReason> FailureReasons(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 0
            ? []
            : FailureTally.Top(errors, BenchmarkPointResult.MaxFailureReasons)
                .Select(r => new FailureReason(r.Reason, r.Count))
                .ToArray();
    }

    /// <summary>
    /// The plan's goodput SLOs in the toolkit's form, parsed by the same code as <c>bench serve --goodput</c>;
    /// null when the plan has none.
    /// </summary>
    public static GoodputSlos? Slos(BenchmarkPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Goodput is not { Count: > 0 } goodput)
        {
            return null;
        }

        var slos = GoodputSlos.Parse(goodput.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}:{kv.Value:R}")));
        return slos.Any ? slos : null;
    }

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
        Goodput = Slos(plan),
    };
}
