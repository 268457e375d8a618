namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// The exact label texts of bench_serving's summary block (without the trailing colon). Shared by the formatter
/// and the parser so what we print is, by construction, what we can read back.
/// </summary>
public static class BenchServingLabels
{
    public const string Backend = "Backend";
    public const string TrafficRequestRate = "Traffic request rate";
    public const string MaxRequestConcurrency = "Max request concurrency";
    public const string SuccessfulRequests = "Successful requests";
    public const string BenchmarkDuration = "Benchmark duration (s)";
    public const string TotalInputTokens = "Total input tokens";
    public const string TotalInputTextTokens = "Total input text tokens";
    public const string TotalInputVisionTokens = "Total input vision tokens";
    public const string TotalGeneratedTokens = "Total generated tokens";
    public const string TotalGeneratedTokensRetokenized = "Total generated tokens (retokenized)";
    public const string RequestThroughput = "Request throughput (req/s)";

    /// <summary>vLLM's line, printed right after the request throughput when goodput SLOs were given.</summary>
    public const string RequestGoodput = "Request goodput (req/s)";
    public const string InputTokenThroughput = "Input token throughput (tok/s)";
    public const string OutputTokenThroughput = "Output token throughput (tok/s)";
    public const string PeakOutputTokenThroughput = "Peak output token throughput (tok/s)";
    public const string PeakConcurrentRequests = "Peak concurrent requests";
    public const string TotalTokenThroughput = "Total token throughput (tok/s)";
    public const string Concurrency = "Concurrency";
    public const string AcceptLength = "Accept length";
    public const string MeanE2e = "Mean E2E Latency (ms)";
    public const string MedianE2e = "Median E2E Latency (ms)";
    public const string P90E2e = "P90 E2E Latency (ms)";
    public const string P99E2e = "P99 E2E Latency (ms)";
    public const string MeanTtft = "Mean TTFT (ms)";
    public const string MedianTtft = "Median TTFT (ms)";
    public const string P99Ttft = "P99 TTFT (ms)";
    public const string MeanTpot = "Mean TPOT (ms)";
    public const string MedianTpot = "Median TPOT (ms)";
    public const string P99Tpot = "P99 TPOT (ms)";
    public const string MeanItl = "Mean ITL (ms)";
    public const string MedianItl = "Median ITL (ms)";
    public const string P95Itl = "P95 ITL (ms)";
    public const string P99Itl = "P99 ITL (ms)";
    public const string MaxItl = "Max ITL (ms)";

    /// <summary>The title centred in the first line of the block.</summary>
    public const string Title = " Serving Benchmark Result ";

    public const string SectionE2e = "End-to-End Latency";
    public const string SectionTtft = "Time to First Token";
    public const string SectionTpot = "Time per Output Token (excl. 1st token)";
    public const string SectionItl = "Inter-Token Latency";

    /// <summary>Width of the header, section separators and the closing rule.</summary>
    public const int RuleWidth = 50;
}
