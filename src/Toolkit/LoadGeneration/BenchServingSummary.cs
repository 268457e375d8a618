using SglangCi.Toolkit.Parsing.BenchServing;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// The numbers of one bench_serving summary block. Every field is optional because the printed set changed
/// across SGLang versions (and a truncated log may stop mid-block); <see cref="Values"/> keeps every label's raw
/// text, so a line we do not model yet is not lost.
/// </summary>
public sealed record BenchServingSummary
{
    public string? Backend { get; init; }

    /// <summary>Requests per second; <see cref="double.PositiveInfinity"/> for <c>inf</c>; null when absent or not numeric (e.g. <c>trace</c>).</summary>
    public double? RequestRate { get; init; }

    /// <summary>Null when the line says <c>not set</c> or is absent.</summary>
    public int? MaxConcurrency { get; init; }

    public int? SuccessfulRequests { get; init; }
    public double? DurationSeconds { get; init; }
    public long? TotalInputTokens { get; init; }
    public long? TotalInputTextTokens { get; init; }
    public long? TotalInputVisionTokens { get; init; }
    public long? TotalGeneratedTokens { get; init; }
    public long? TotalGeneratedTokensRetokenized { get; init; }
    public double? RequestThroughput { get; init; }

    /// <summary>vLLM's <c>Request goodput (req/s)</c>; null unless goodput SLOs were given.</summary>
    public double? RequestGoodput { get; init; }
    public double? InputTokenThroughput { get; init; }
    public double? OutputTokenThroughput { get; init; }
    public double? PeakOutputTokenThroughput { get; init; }
    public double? PeakConcurrentRequests { get; init; }
    public double? TotalTokenThroughput { get; init; }
    public double? Concurrency { get; init; }
    public double? AcceptLength { get; init; }
    public double? MeanE2eMs { get; init; }
    public double? MedianE2eMs { get; init; }
    public double? P90E2eMs { get; init; }
    public double? P99E2eMs { get; init; }
    public double? MeanTtftMs { get; init; }
    public double? MedianTtftMs { get; init; }
    public double? P99TtftMs { get; init; }
    public double? MeanTpotMs { get; init; }
    public double? MedianTpotMs { get; init; }
    public double? P99TpotMs { get; init; }
    public double? MeanItlMs { get; init; }
    public double? MedianItlMs { get; init; }
    public double? P95ItlMs { get; init; }
    public double? P99ItlMs { get; init; }
    public double? MaxItlMs { get; init; }

    /// <summary>Every data line of the block: label (no colon) to its trimmed raw value.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>A block read by <see cref="BenchServingParser"/>, in this record's shape (its raw label values included).</summary>
    public static BenchServingSummary FromResult(BenchServingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new BenchServingSummary
        {
            Backend = result.Backend,
            RequestRate = result.RequestRate,
            MaxConcurrency = (int?)result.MaxConcurrency,
            SuccessfulRequests = (int?)result.Successful,
            DurationSeconds = result.DurationS,
            TotalInputTokens = result.TotalInputTokens,
            TotalInputTextTokens = result.TotalInputTextTokens,
            TotalInputVisionTokens = result.TotalInputVisionTokens,
            TotalGeneratedTokens = result.TotalOutputTokens,
            TotalGeneratedTokensRetokenized = result.TotalOutputTokensRetokenized,
            RequestThroughput = result.RequestThroughput,
            RequestGoodput = result.RequestGoodput,
            InputTokenThroughput = result.InputTokenThroughput,
            OutputTokenThroughput = result.OutputTokenThroughput,
            PeakOutputTokenThroughput = result.PeakOutputTokenThroughput,
            PeakConcurrentRequests = result.PeakConcurrentRequests,
            TotalTokenThroughput = result.TotalTokenThroughput,
            Concurrency = result.Concurrency,
            AcceptLength = result.AcceptLength,
            MeanE2eMs = result.E2eMs.Mean,
            MedianE2eMs = result.E2eMs.Median,
            P90E2eMs = result.E2eMs.P90,
            P99E2eMs = result.E2eMs.P99,
            MeanTtftMs = result.TtftMs.Mean,
            MedianTtftMs = result.TtftMs.Median,
            P99TtftMs = result.TtftMs.P99,
            MeanTpotMs = result.TpotMs.Mean,
            MedianTpotMs = result.TpotMs.Median,
            P99TpotMs = result.TpotMs.P99,
            MeanItlMs = result.ItlMs.Mean,
            MedianItlMs = result.ItlMs.Median,
            P95ItlMs = result.ItlMs.P95,
            P99ItlMs = result.ItlMs.P99,
            MaxItlMs = result.ItlMs.Max,
            Values = result.Values,
        };
    }

    /// <summary>
    /// Projects our own run into the block's fields, with bench_serving's <c>or 0</c> behaviour for empty
    /// metrics (it prints 0.00 when, say, no request produced an ITL sample).
    /// </summary>
    public static BenchServingSummary FromReport(BenchmarkReport report, LoadGeneratorOptions options, string backend = "sglang-oai")
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        return new BenchServingSummary
        {
            Backend = backend,
            RequestRate = options.RequestRate,
            MaxConcurrency = options.MaxConcurrency,
            SuccessfulRequests = report.Completed,
            DurationSeconds = report.DurationSeconds,
            TotalInputTokens = report.TotalInputTokens,
            TotalGeneratedTokens = report.TotalOutputTokens,
            RequestThroughput = report.RequestThroughput,
            RequestGoodput = report.RequestGoodput,
            InputTokenThroughput = report.InputTokenThroughput,
            OutputTokenThroughput = report.OutputTokenThroughput,
            TotalTokenThroughput = report.TotalTokenThroughput,
            Concurrency = report.Concurrency,
            MeanE2eMs = report.E2eMs.Mean ?? 0,
            MedianE2eMs = report.E2eMs.Median ?? 0,
            P90E2eMs = report.E2eMs.P90 ?? 0,
            P99E2eMs = report.E2eMs.P99 ?? 0,
            MeanTtftMs = report.TtftMs.Mean ?? 0,
            MedianTtftMs = report.TtftMs.Median ?? 0,
            P99TtftMs = report.TtftMs.P99 ?? 0,
            MeanTpotMs = report.TpotMs.Mean ?? 0,
            MedianTpotMs = report.TpotMs.Median ?? 0,
            P99TpotMs = report.TpotMs.P99 ?? 0,
            MeanItlMs = report.ItlMs.Mean ?? 0,
            MedianItlMs = report.ItlMs.Median ?? 0,
            P95ItlMs = report.ItlMs.P95 ?? 0,
            P99ItlMs = report.ItlMs.P99 ?? 0,
            MaxItlMs = report.ItlMs.Max ?? 0,
        };
    }
}
