using System.Text.Json.Nodes;

namespace SglangCi.Toolkit.Parsing.OneBatch;

/// <summary>
/// The JSON contract of <c>sglang-ci parse bench-one-batch</c>: <c>{ "results": [ { "batchSize", "inputLen",
/// "outputLen", "prefillLatencyS", "prefillThroughput", "decodeMedianLatencyS", "decodeMedianThroughput",
/// "totalLatencyS", "totalThroughput" } ] }</c>; absent values are null.
/// </summary>
public static class OneBatchJson
{
    public static JsonObject ToJson(IEnumerable<OneBatchResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var array = new JsonArray();
        foreach (var r in results)
        {
            array.Add(new JsonObject
            {
                ["batchSize"] = r.BatchSize,
                ["inputLen"] = r.InputLen,
                ["outputLen"] = r.OutputLen,
                ["prefillLatencyS"] = Num(r.PrefillLatencyS),
                ["prefillThroughput"] = Num(r.PrefillThroughput),
                ["decodeMedianLatencyS"] = Num(r.DecodeMedianLatencyS),
                ["decodeMedianThroughput"] = Num(r.DecodeMedianThroughput),
                ["totalLatencyS"] = Num(r.TotalLatencyS),
                ["totalThroughput"] = Num(r.TotalThroughput),
            });
        }

        return new JsonObject { ["results"] = array };
    }

    private static JsonNode? Num(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
