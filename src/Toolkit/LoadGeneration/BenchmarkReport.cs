using SglangCi.Toolkit.Metrics;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>The result of a run, with bench_serving's definitions. Latency summaries are in milliseconds.</summary>
public sealed record BenchmarkReport(
    int Completed,
    int Failed,
    double DurationSeconds,
    long TotalInputTokens,
    long TotalOutputTokens,
    double RequestThroughput,
    double InputTokenThroughput,
    double OutputTokenThroughput,
    double TotalTokenThroughput,
    double Concurrency,
    MetricSummary TtftMs,
    MetricSummary ItlMs,
    MetricSummary TpotMs,
    MetricSummary E2eMs,
    IReadOnlyList<RequestResult> Requests,
    IReadOnlyList<string> Errors)
{
    /// <summary>Good requests (meeting every SLO of <see cref="LoadGeneratorOptions.Goodput"/>) per second; null when no SLO was given.</summary>
    public double? RequestGoodput { get; init; }
}
