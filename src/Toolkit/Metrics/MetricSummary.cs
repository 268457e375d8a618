namespace SglangCi.Toolkit.Metrics;

/// <summary>Summary statistics of one metric, in the metric's unit (milliseconds for latencies); null when there were no samples.</summary>
public sealed record MetricSummary(
    double? Mean,
    double? Median,
    double? Std,
    double? P90,
    double? P95,
    double? P99,
    double? Max,
    int Count)
{
    public static readonly MetricSummary Empty = new(null, null, null, null, null, null, null, 0);
}
