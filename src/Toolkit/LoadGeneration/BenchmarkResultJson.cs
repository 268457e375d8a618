using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using SglangCi.Toolkit.Metrics;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// Our own JSON of one standalone run (<c>sglang-ci bench serve --json</c>): camelCase, the shape of a run's
/// benchmark point (<c>loadKind</c>, <c>load</c>, <c>completed</c>, <c>failed</c>, <c>durationS</c>, throughputs,
/// latency statistics) plus what a standalone run adds (backend, dataset, goodput, a summary of errors).
/// Non-finite numbers are null: JSON has no infinity, so an unlimited rate reads <c>"requestRate": "inf"</c>.
/// </summary>
public sealed record BenchmarkResultJson(
    string Backend,
    string Dataset,
    string LoadKind,
    double? Load,
    object RequestRate,
    int? MaxConcurrency,
    int NumPrompts,
    int Completed,
    int Failed,
    double? DurationS,
    long TotalInputTokens,
    long TotalOutputTokens,
    double? RequestThroughput,
    double? InputTokenThroughput,
    double? OutputTokenThroughput,
    double? TotalTokenThroughput,
    double? Concurrency,
    LatencyStatsJson TtftMs,
    LatencyStatsJson ItlMs,
    LatencyStatsJson TpotMs,
    LatencyStatsJson E2eMs,
    GoodputJson? Goodput,
    ErrorsJson Errors)
{
    /// <summary>How many distinct error reasons are listed; the rest are counted in <see cref="ErrorsJson.Count"/> only.</summary>
    public const int MaxReasons = 10;

    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// A concurrency point (a cap and everything sent at once) reads <c>loadKind: "concurrency"</c> with the cap as
    /// load; anything else is a rate point with the rate as load (null for an unlimited rate).
    /// </summary>
    public static BenchmarkResultJson From(BenchmarkReport report, LoadGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        var isConcurrency = options.MaxConcurrency is not null && double.IsPositiveInfinity(options.RequestRate);
        var goodput = options.Goodput is { Any: true } slos
            ? new GoodputJson(slos.TtftMs, slos.TpotMs, slos.E2eMs, slos.CountGood(report.Requests), Finite(report.RequestGoodput))
            : null;
        var reasons = FailureTally.Top(report.Errors, MaxReasons)
            .Select(r => new ErrorReasonJson(r.Reason, r.Count))
            .ToList();
        return new BenchmarkResultJson(
            BenchmarkBackends.BenchServingName(options.Backend),
            options.EffectiveDataset.Name,
            isConcurrency ? "concurrency" : "rate",
            isConcurrency ? options.MaxConcurrency : Finite(options.RequestRate),
            double.IsPositiveInfinity(options.RequestRate) ? "inf" : options.RequestRate,
            options.MaxConcurrency,
            options.NumPrompts,
            report.Completed,
            report.Failed,
            Finite(report.DurationSeconds),
            report.TotalInputTokens,
            report.TotalOutputTokens,
            Finite(report.RequestThroughput),
            Finite(report.InputTokenThroughput),
            Finite(report.OutputTokenThroughput),
            Finite(report.TotalTokenThroughput),
            Finite(report.Concurrency),
            LatencyStatsJson.From(report.TtftMs),
            LatencyStatsJson.From(report.ItlMs),
            LatencyStatsJson.From(report.TpotMs),
            LatencyStatsJson.From(report.E2eMs),
            goodput,
            new ErrorsJson(report.Errors.Count, reasons));
    }

    public string Serialize() => JsonSerializer.Serialize(this, SerializerOptions);

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}

/// <summary>One latency metric in milliseconds; every statistic null when there was no sample.</summary>
public sealed record LatencyStatsJson(double? Mean, double? Median, double? P90, double? P95, double? P99, double? Std, double? Max, int Count)
{
    public static LatencyStatsJson From(MetricSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new LatencyStatsJson(s.Mean, s.Median, s.P90, s.P95, s.P99, s.Std, s.Max, s.Count);
    }
}

/// <summary>The SLOs given (ms; null = not constrained), how many requests met all of them, and good requests per second.</summary>
public sealed record GoodputJson(double? TtftMs, double? TpotMs, double? E2eMs, int GoodRequests, double? RequestGoodput);

/// <summary>Failed requests: the total and the most frequent reasons.</summary>
public sealed record ErrorsJson(int Count, IReadOnlyList<ErrorReasonJson> Reasons);

public sealed record ErrorReasonJson(string Reason, int Count);
