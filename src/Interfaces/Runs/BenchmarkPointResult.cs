using SglangCi.Interfaces.Presets;

namespace SglangCi.Interfaces.Runs;

/// <summary>One load point of one repetition of an online benchmark, with every metric bench_serving reports.</summary>
[GenerateSerializer, Immutable]
public sealed record BenchmarkPointResult(
    [property: Id(0)] LoadKind LoadKind,
    [property: Id(1)] double Load,
    [property: Id(2)] int Repetition,
    [property: Id(3)] int Completed,
    [property: Id(4)] int Failed,
    [property: Id(5)] double DurationSeconds,
    [property: Id(6)] double RequestThroughput,
    [property: Id(7)] double InputTokenThroughput,
    [property: Id(8)] double OutputTokenThroughput,
    [property: Id(9)] double TotalTokenThroughput,
    [property: Id(10)] double? Concurrency,
    [property: Id(11)] LatencyStats Ttft,
    [property: Id(12)] LatencyStats Itl,
    [property: Id(13)] LatencyStats Tpot,
    [property: Id(14)] LatencyStats E2e);

/// <summary>Summary statistics of one latency metric in milliseconds; null where there was no sample.</summary>
[GenerateSerializer, Immutable]
public sealed record LatencyStats(
    [property: Id(0)] double? Mean,
    [property: Id(1)] double? Median,
    [property: Id(2)] double? P90,
    [property: Id(3)] double? P95,
    [property: Id(4)] double? P99,
    [property: Id(5)] double? Std,
    [property: Id(6)] double? Max)
{
    public static readonly LatencyStats Empty = new(null, null, null, null, null, null, null);
}
