namespace SglangCi.Toolkit.Parsing.BenchServing;

/// <summary>One latency family's statistics in milliseconds; a statistic the output did not print is null.</summary>
public sealed record LatencyStats
{
    public static readonly LatencyStats Empty = new();

    public double? Mean { get; init; }
    public double? Median { get; init; }
    public double? Std { get; init; }
    public double? P90 { get; init; }
    public double? P95 { get; init; }
    public double? P99 { get; init; }
    public double? Max { get; init; }

    public bool IsEmpty => this == Empty;

    /// <summary>Sets the statistic named like bench_serving prints it (mean, median, std, p90, p95, p99, max); false for others (P50, P99.9).</summary>
    internal bool TryWith(string statistic, double? value, out LatencyStats updated)
    {
        updated = statistic switch
        {
            "mean" => this with { Mean = value },
            "median" => this with { Median = value },
            "std" => this with { Std = value },
            "p90" => this with { P90 = value },
            "p95" => this with { P95 = value },
            "p99" => this with { P99 = value },
            "max" => this with { Max = value },
            _ => this,
        };
        return !ReferenceEquals(updated, this);
    }
}
