using System.Text.Json.Nodes;

namespace SglangCi.Toolkit.Parsing.BenchServing;

/// <summary>
/// The JSON contract of <c>sglang-ci parse bench-serving</c>: <c>{ "backend", "requestRate", "maxConcurrency",
/// "successful", "failed", "durationS", "totalInputTokens", "totalOutputTokens", "requestThroughput",
/// "inputTokenThroughput", "outputTokenThroughput", "totalTokenThroughput", "peakOutputTokenThroughput",
/// "concurrency", "acceptLength", "e2eMs", "ttftMs", "tpotMs", "itlMs" }</c>, each latency object holding
/// mean, median, std, p90, p95, p99, max. A field absent from the output is null; a rate of <c>inf</c> is the
/// string "inf" (and a non-numeric rate such as "trace" stays that string); a printed 0.00 is 0.
/// </summary>
public static class BenchServingJson
{
    public static JsonObject ToJson(BenchServingResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new JsonObject
        {
            ["backend"] = r.Backend,
            ["requestRate"] = Rate(r),
            ["maxConcurrency"] = r.MaxConcurrency,
            ["successful"] = r.Successful,
            ["failed"] = r.Failed,
            ["durationS"] = Num(r.DurationS),
            ["totalInputTokens"] = r.TotalInputTokens,
            ["totalOutputTokens"] = r.TotalOutputTokens,
            ["requestThroughput"] = Num(r.RequestThroughput),
            ["inputTokenThroughput"] = Num(r.InputTokenThroughput),
            ["outputTokenThroughput"] = Num(r.OutputTokenThroughput),
            ["totalTokenThroughput"] = Num(r.TotalTokenThroughput),
            ["peakOutputTokenThroughput"] = Num(r.PeakOutputTokenThroughput),
            ["concurrency"] = Num(r.Concurrency),
            ["acceptLength"] = Num(r.AcceptLength),
            ["e2eMs"] = Stats(r.E2eMs),
            ["ttftMs"] = Stats(r.TtftMs),
            ["tpotMs"] = Stats(r.TpotMs),
            ["itlMs"] = Stats(r.ItlMs),
        };
    }

    private static JsonNode? Rate(BenchServingResult r) => r.RequestRate switch
    {
        { } v when double.IsPositiveInfinity(v) => "inf",
        { } v when double.IsFinite(v) => v,
        _ => r.RequestRateText,
    };

    /// <summary>Non-finite values (NaN from a JSONL record) have no JSON number: null.</summary>
    private static JsonNode? Num(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static JsonObject Stats(LatencyStats s) => new()
    {
        ["mean"] = Num(s.Mean),
        ["median"] = Num(s.Median),
        ["std"] = Num(s.Std),
        ["p90"] = Num(s.P90),
        ["p95"] = Num(s.P95),
        ["p99"] = Num(s.P99),
        ["max"] = Num(s.Max),
    };
}
