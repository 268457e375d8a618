using System.Text.Json;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Silo.Storage.Results;

/// <summary>
/// The columns of <c>benchmark_points</c>, in table order, and where each value of a point comes from. Each latency
/// metric (TTFT, ITL, TPOT, E2E) has the same seven statistics, so those 28 columns come from one table of
/// metrics × statistics. The SQL, the writer and the reader all use these tables instead of hand-written copies.
/// </summary>
internal static class BenchmarkPointColumns
{
    /// <summary>A latency metric: the column prefix and where a point keeps it.</summary>
    public sealed record Metric(string Prefix, Func<BenchmarkPointResult, LatencyStats?> Of);

    /// <summary>A latency statistic: the column infix, how to read it from and set it on a <see cref="LatencyStats"/>.</summary>
    public sealed record Statistic(string Name, Func<LatencyStats, double?> Of, Func<LatencyStats, double?, LatencyStats> With);

    public static readonly Metric Ttft = new("ttft", static p => p.Ttft);
    public static readonly Metric Itl = new("itl", static p => p.Itl);
    public static readonly Metric Tpot = new("tpot", static p => p.Tpot);
    public static readonly Metric E2e = new("e2e", static p => p.E2e);

    public static readonly IReadOnlyList<Metric> Metrics = [Ttft, Itl, Tpot, E2e];

    public static readonly IReadOnlyList<Statistic> Statistics =
    [
        new("mean", static s => s.Mean, static (s, v) => s with { Mean = v }),
        new("median", static s => s.Median, static (s, v) => s with { Median = v }),
        new("p90", static s => s.P90, static (s, v) => s with { P90 = v }),
        new("p95", static s => s.P95, static (s, v) => s with { P95 = v }),
        new("p99", static s => s.P99, static (s, v) => s with { P99 = v }),
        new("std", static s => s.Std, static (s, v) => s with { Std = v }),
        new("max", static s => s.Max, static (s, v) => s with { Max = v }),
    ];

    /// <summary>A column holding one value of the point itself.</summary>
    public sealed record Scalar(string Name, Func<BenchmarkPointResult, object?> Of);

    /// <summary>The column naming the run; the point itself does not hold it.</summary>
    public const string RunId = "run_id";

    /// <summary>The point's own values, in table order; the first three complete the key.</summary>
    public static readonly IReadOnlyList<Scalar> Scalars =
    [
        new("load_kind", static p => ResultsWireNames.Of(p.LoadKind)),
        new("load", static p => p.Load),
        new("repetition", static p => p.Repetition),
        new("completed", static p => p.Completed),
        new("failed", static p => p.Failed),
        new("duration_s", static p => p.DurationSeconds),
        new("request_throughput", static p => p.RequestThroughput),
        new("input_token_throughput", static p => p.InputTokenThroughput),
        new("output_token_throughput", static p => p.OutputTokenThroughput),
        new("total_token_throughput", static p => p.TotalTokenThroughput),
        new("concurrency", static p => p.Concurrency),
    ];

    /// <summary>
    /// The point's values added after the latency columns (0004): goodput (null without SLOs) and the failure
    /// reasons as a JSON array of <c>{"reason","count"}</c> (null when none failed).
    /// </summary>
    public static readonly IReadOnlyList<Scalar> Later =
    [
        new("goodput", static p => p.Goodput is { } g && double.IsFinite(g) ? g : null),
        new("failure_reasons", static p => FailureReasonsJson.Write(p.FailureReasons)),
    ];

    /// <summary>The columns that identify a point; an upsert conflicts on these.</summary>
    public static readonly IReadOnlyList<string> Key = [RunId, .. Scalars.Take(3).Select(static s => s.Name)];

    /// <summary>Every column, in table order.</summary>
    public static readonly IReadOnlyList<string> All =
        [RunId, .. Scalars.Select(static s => s.Name), .. Metrics.SelectMany(static m => Statistics.Select(s => Column(m, s))), .. Later.Select(static s => s.Name)];

    /// <summary>Every column but the key: what an upsert replaces.</summary>
    public static IEnumerable<string> NonKey => All.Skip(Key.Count);

    /// <summary>The column of one statistic of one metric, e.g. <c>ttft_p99_ms</c>.</summary>
    public static string Column(Metric metric, Statistic statistic) => $"{metric.Prefix}_{statistic.Name}_ms";
}

/// <summary>The <c>failure_reasons</c> column: a JSON array of <c>{"reason","count"}</c>; NULL for none.</summary>
internal static class FailureReasonsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string? Write(IReadOnlyList<FailureReason>? reasons) =>
        reasons is { Count: > 0 } ? JsonSerializer.Serialize(reasons, Options) : null;

    public static IReadOnlyList<FailureReason> Read(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<FailureReason[]>(json, Options) is { Length: > 0 } reasons ? reasons : [];
}
