namespace SglangCi.Toolkit.Parsing.OneBatch;

/// <summary>
/// One case (batch size × input length × output length) of <c>bench_one_batch</c> or <c>bench_one_batch_server</c>.
/// Latencies in seconds, throughputs in tokens/s; a value the output does not carry is null (the text output of
/// <c>bench_one_batch</c> never prints the input/output lengths, only the command line or the JSONL file has them).
/// </summary>
public sealed record OneBatchResult
{
    public long? BatchSize { get; init; }
    public long? InputLen { get; init; }
    public long? OutputLen { get; init; }
    public double? PrefillLatencyS { get; init; }
    public double? PrefillThroughput { get; init; }
    public double? DecodeMedianLatencyS { get; init; }
    public double? DecodeMedianThroughput { get; init; }
    public double? TotalLatencyS { get; init; }
    public double? TotalThroughput { get; init; }

    /// <summary>The 1-based line the case starts on (its Prefill line, <c>batch size:</c> line or JSONL record).</summary>
    public int Line { get; init; }
}
