using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// A number the compare page can set side by side: its key, how it reads, its unit, which way is better and its
/// display precision. <see cref="All"/> is the table's row order: throughput first (what a night is for), then each
/// latency family mean → p99, then the request counts.
/// </summary>
public sealed record CompareMetric(string Key, string Group, string Label, string Unit, MetricDirection Direction, string Format)
{
    public static readonly CompareMetric RequestThroughput = Higher("req-tput", "throughput", "requests", "req/s", "0.###");
    public static readonly CompareMetric OutputThroughput = Higher("out-tput", "throughput", "output tokens", "tok/s", "0.#");
    public static readonly CompareMetric TotalThroughput = Higher("total-tput", "throughput", "total tokens", "tok/s", "0.#");
    public static readonly CompareMetric Goodput = Higher("goodput", "throughput", "goodput", "req/s", "0.###");
    public static readonly CompareMetric Completed = Higher("completed", "requests", "completed", "", "0");
    public static readonly CompareMetric Failed = new("failed", "requests", "failed", "", MetricDirection.LowerIsBetter, "0");

    /// <summary>The metric as a table row names it outside the page's grouped table: "E2E median (ms)", "requests completed".</summary>
    public string Name => string.IsNullOrEmpty(Unit) ? $"{Group} {Label}" : $"{Group} {Label} ({Unit})";

    /// <summary>The statistics each latency family lists, in order.</summary>
    public static readonly IReadOnlyList<string> Statistics = ["mean", "median", "p90", "p95", "p99"];

    /// <summary>The latency families, as bench_serving names them.</summary>
    public static readonly IReadOnlyList<string> Latencies = ["TTFT", "ITL", "TPOT", "E2E"];

    public static IReadOnlyList<CompareMetric> All { get; } =
    [
        RequestThroughput, OutputThroughput, TotalThroughput, Goodput,
        .. Latencies.SelectMany(family => Statistics.Select(statistic => Latency(family, statistic))),
        Completed, Failed,
    ];

    /// <summary>The latency metric of a family and statistic (<c>Latency("E2E", "median")</c>, key <c>e2e-median</c>).</summary>
    public static CompareMetric Latency(string family, string statistic) =>
        new($"{family.ToLowerInvariant()}-{statistic}", family, statistic, "ms", MetricDirection.LowerIsBetter, "0.##");

    /// <summary>The metric with this key; throws for an unknown key (a typo in code, not in data).</summary>
    public static CompareMetric Find(string key) =>
        All.FirstOrDefault(m => m.Key == key) ?? throw new ArgumentException($"no compare metric '{key}'", nameof(key));

    /// <summary>Every metric a client-log point carries, keyed for <see cref="ComparedPoint.Values"/>.</summary>
    public static IReadOnlyDictionary<string, double?> ValuesOf(BenchmarkPointResult point)
    {
        var values = new Dictionary<string, double?>
        {
            [RequestThroughput.Key] = point.RequestThroughput,
            [OutputThroughput.Key] = point.OutputTokenThroughput,
            [TotalThroughput.Key] = point.TotalTokenThroughput,
            [Goodput.Key] = point.Goodput,
            [Completed.Key] = point.Completed,
            [Failed.Key] = point.Failed,
        };
        AddLatency(values, "TTFT", point.Ttft);
        AddLatency(values, "ITL", point.Itl);
        AddLatency(values, "TPOT", point.Tpot);
        AddLatency(values, "E2E", point.E2e);
        return values;
    }

    private static void AddLatency(Dictionary<string, double?> values, string family, LatencyStats? stats)
    {
        stats ??= LatencyStats.Empty;
        values[Latency(family, "mean").Key] = stats.Mean;
        values[Latency(family, "median").Key] = stats.Median;
        values[Latency(family, "p90").Key] = stats.P90;
        values[Latency(family, "p95").Key] = stats.P95;
        values[Latency(family, "p99").Key] = stats.P99;
    }

    private static CompareMetric Higher(string key, string group, string label, string unit, string format) =>
        new(key, group, label, unit, MetricDirection.HigherIsBetter, format);
}
