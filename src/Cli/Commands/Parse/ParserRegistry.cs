using System.Text.Json.Nodes;
using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.BenchServing;
using SglangCi.Toolkit.Parsing.GpuSmi;
using SglangCi.Toolkit.Parsing.Gsm8k;
using SglangCi.Toolkit.Parsing.OneBatch;
using SglangCi.Toolkit.Parsing.TimingSummary;

namespace SglangCi.Cli.Commands.Parse;

/// <summary>
/// The kinds <c>sglang-ci parse KIND FILE</c> knows: kind → function from a file path to its JSON document.
/// A parser throws <see cref="OutputParseException"/> (file, line, what was expected) when the file holds no result
/// of its kind; the command turns that into exit code 3.
/// </summary>
public static class ParserRegistry
{
    public static IReadOnlyDictionary<string, Func<string, ParseOutcome>> Kinds { get; } = new SortedDictionary<string, Func<string, ParseOutcome>>(StringComparer.Ordinal)
    {
        // One block → its object; several blocks (a log with reruns, a JSONL with several records) → an array of them.
        ["bench-serving"] = BenchServing,
        ["bench-one-batch"] = path => OneBatchJson.ToJson(OneBatchParser.ParseFile(path)),
        // One run → its object; several runs (a CI gate log) → an array of them, in order.
        ["gsm8k"] = path => OneOrMany(Gsm8kOutputParser.ParseFile(path).Select(Gsm8kOutputParser.ToJson)),
        ["timing-summary"] = path => TimingSummaryParser.ToJson(TimingSummaryParser.ParseFile(path)),
        // GPU tools (rocm-smi / amd-smi / nvidia-smi) go here:
        ["gpu-smi"] = path => GpuSmiJson.ToJson(GpuSmiParser.ParseFile(path)),
    };

    private static ParseOutcome BenchServing(string path)
    {
        var results = BenchServingParser.ParseFile(path);
        var warnings = results.Where(r => r.Truncated)
            .Select(r => $"{path}:{r.Line}: bench_serving block is truncated (no closing '=====' rule); the values present were parsed")
            .ToList();
        return new ParseOutcome(OneOrMany(results.Select(BenchServingJson.ToJson)), warnings);
    }

    private static JsonNode OneOrMany(IEnumerable<JsonObject> items)
    {
        var list = items.ToList();
        return list.Count == 1 ? list[0] : new JsonArray(list.Cast<JsonNode?>().ToArray());
    }
}
