using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.Toolkit.Parsing.Gsm8k;

/// <summary>
/// Reads GSM8K results (<c>benchmark/gsm8k/bench_sglang.py</c>'s <c>Accuracy:</c>, <c>Invalid:</c>, <c>Latency: … s</c>,
/// <c>Output throughput: … token/s</c> lines, alone or inside a CI gate log) by delegating to
/// <see cref="Gsm8kLogParser"/>, and refuses anything else with a <see cref="Gsm8kParseException"/>: a file with no
/// <c>Accuracy:</c> line (empty, a bench_serving block, an offline benchmark) or an accuracy that is not a fraction
/// in [0, 1] (a percentage table) is not misread as a result.
/// </summary>
public static partial class Gsm8kOutputParser
{
    public const string Expectation =
        "GSM8K bench_sglang output: 'Accuracy: 0.950' (a fraction in [0, 1]) followed by 'Invalid: …', 'Latency: … s', 'Output throughput: … token/s'";

    public static IReadOnlyList<Gsm8kLogResult> ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Every run in the text, in order (a gate log holds several); at least one, each with its accuracy.</summary>
    public static IReadOnlyList<Gsm8kLogResult> Parse(string text, string file = "<input>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = TextLine.Split(text);
        foreach (var line in lines)
        {
            var m = AccuracyLinePattern().Match(line.Text.Trim());
            if (m.Success)
            {
                var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                if (value > 1 || m.Groups[2].Value == "%")
                {
                    throw new Gsm8kParseException(file, line.Number, $"an accuracy fraction in [0, 1] ({Expectation}), found '{line.Text.Trim()}'");
                }
            }
        }

        var runs = Gsm8kLogParser.ParseRuns(text).Where(r => r.Accuracy is not null).ToList();
        if (runs.Count == 0)
        {
            throw new Gsm8kParseException(file, null, Expectation + Found(lines));
        }

        return runs;
    }

    public static JsonObject ToJson(Gsm8kLogResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new JsonObject
        {
            ["accuracy"] = Num(result.Accuracy),
            ["invalid"] = Num(result.Invalid),
            ["latencyS"] = Num(result.LatencySeconds),
            ["outputThroughput"] = Num(result.OutputThroughput),
        };
    }

    private static JsonNode? Num(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    /// <summary>Names what the file holds instead, when it is recognisable.</summary>
    private static string Found(IReadOnlyList<TextLine> lines)
    {
        if (lines.All(l => l.Text.Trim().Length == 0))
        {
            return "; the file is empty";
        }

        var block = lines.FirstOrDefault(l => l.Text.Contains("Serving Benchmark Result", StringComparison.Ordinal));
        if (block.Text is not null)
        {
            return $"; found a bench_serving result block at line {block.Number} (use kind bench-serving)";
        }

        var oneBatch = lines.FirstOrDefault(l => l.Text.Contains("Prefill. latency:", StringComparison.Ordinal));
        if (oneBatch.Text is not null)
        {
            return $"; found bench_one_batch output at line {oneBatch.Number} (use kind bench-one-batch)";
        }

        var table = lines.FirstOrDefault(l => l.Text.TrimStart().StartsWith('|'));
        if (table.Text is not null)
        {
            return $"; found a table at line {table.Number}";
        }

        return "; no 'Accuracy:' line found";
    }

    [GeneratedRegex(@"^Accuracy:\s*(\d+(?:\.\d+)?)\s*(%?)$")]
    private static partial Regex AccuracyLinePattern();
}
