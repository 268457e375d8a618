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
    [property: Id(14)] LatencyStats E2e)
{
    /// <summary>The most distinct failure reasons a point keeps.</summary>
    public const int MaxFailureReasons = 10;

    /// <summary>Good requests per second under the plan's latency SLOs (vLLM's request goodput); null when the plan has none.</summary>
    [Id(15)]
    public double? Goodput { get; init; }

    /// <summary>Why requests failed: the most frequent distinct reasons (at most <see cref="MaxFailureReasons"/>) with their counts; empty when none failed.</summary>
    [Id(16)]
    public IReadOnlyList<FailureReason> FailureReasons { get; init; } = [];
}

/// <summary>One distinct reason requests of a point failed, and how many failed with it.</summary>
[GenerateSerializer, Immutable]
public sealed record FailureReason(
    [property: Id(0)] string Reason,
    [property: Id(1)] int Count);

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
