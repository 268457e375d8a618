namespace SglangCi.Toolkit.Parsing.BenchServing;

/// <summary>
/// One bench_serving result (a printed summary block, or one JSONL record), in the units bench_serving prints.
/// Every field is optional: the printed set changed across SGLang versions, vLLM prints a close variant, and a
/// truncated log stops mid-block. See <see cref="BenchServingJson"/> for the JSON contract.
/// </summary>
public sealed record BenchServingResult
{
    public string? Backend { get; init; }

    /// <summary>Requests per second; <see cref="double.PositiveInfinity"/> for <c>inf</c> (all at once).</summary>
    public double? RequestRate { get; init; }

    /// <summary>A rate that is not a number, e.g. <c>trace</c> (mooncake timestamps); null otherwise.</summary>
    public string? RequestRateText { get; init; }

    /// <summary>Null when absent or <c>not set</c>.</summary>
    public long? MaxConcurrency { get; init; }

    public long? Successful { get; init; }

    /// <summary>Only vLLM's variant prints it.</summary>
    public long? Failed { get; init; }

    public double? DurationS { get; init; }
    public long? TotalInputTokens { get; init; }

    /// <summary>Printed by SGLang since multimodal support (text and vision parts of the input).</summary>
    public long? TotalInputTextTokens { get; init; }

    public long? TotalInputVisionTokens { get; init; }
    public long? TotalOutputTokens { get; init; }

    /// <summary><c>Total generated tokens (retokenized)</c>: the output retokenized by the client.</summary>
    public long? TotalOutputTokensRetokenized { get; init; }

    public double? RequestThroughput { get; init; }

    /// <summary>vLLM's (and our) <c>Request goodput (req/s)</c>; null unless goodput SLOs were given.</summary>
    public double? RequestGoodput { get; init; }

    public double? InputTokenThroughput { get; init; }
    public double? OutputTokenThroughput { get; init; }
    public double? TotalTokenThroughput { get; init; }
    public double? PeakOutputTokenThroughput { get; init; }
    public double? PeakConcurrentRequests { get; init; }
    public double? Concurrency { get; init; }
    public double? AcceptLength { get; init; }
    public LatencyStats E2eMs { get; init; } = LatencyStats.Empty;
    public LatencyStats TtftMs { get; init; } = LatencyStats.Empty;
    public LatencyStats TpotMs { get; init; } = LatencyStats.Empty;
    public LatencyStats ItlMs { get; init; } = LatencyStats.Empty;

    /// <summary>The 1-based line of the block header, or of the JSONL record.</summary>
    public int Line { get; init; }

    /// <summary>The block stopped before its closing <c>=====</c> rule (killed run, cut log); what was there is kept.</summary>
    public bool Truncated { get; init; }

    /// <summary>True when read from a JSONL record rather than a printed block.</summary>
    public bool FromJsonl { get; init; }

    /// <summary>
    /// Every <c>label: value</c> line of a printed block, label (trimmed, no colon) to trimmed raw value, known or
    /// not, so a line without a field is not lost; the last one wins. Empty for JSONL records.
    /// </summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();
}
