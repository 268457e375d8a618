using SglangCi.Interfaces.History;
using SglangCi.Toolkit.Analysis;

namespace SglangCi.Grains.Analysis;

/// <summary>One metric of a benchmark series: its name, which way is worse, whether it is a tail, and where a night's
/// load point holds it.</summary>
public sealed record SeriesMetric(string Name, MetricDirection Direction, bool Tail, Func<TrendPoint, double?> Read)
{
    /// <summary>The metrics the analysis follows: latency medians, the E2E tail, and throughput (a slower engine that
    /// keeps its latency by serving less is a regression too).</summary>
    public static IReadOnlyList<SeriesMetric> All { get; } =
    [
        new("e2e-median-ms", MetricDirection.LowerIsBetter, false, p => p.E2eMedianMs),
        new("e2e-p99-ms", MetricDirection.LowerIsBetter, true, p => p.E2eP99Ms),
        new("ttft-median-ms", MetricDirection.LowerIsBetter, false, p => p.TtftMedianMs),
        new("itl-median-ms", MetricDirection.LowerIsBetter, false, p => p.ItlMedianMs),
        new("tpot-median-ms", MetricDirection.LowerIsBetter, false, p => p.TpotMedianMs),
        new("output-tok-s", MetricDirection.HigherIsBetter, false, p => p.OutputThroughput),
    ];
}
