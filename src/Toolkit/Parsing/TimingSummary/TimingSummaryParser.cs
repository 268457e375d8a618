using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SglangCi.Toolkit.Parsing.TimingSummary;

/// <summary>
/// Reads the seed CI's <c>timing_summary_*.log</c>: the online benchmark job's (<c>TIMING SUMMARY LOG</c>: GSM8K gate
/// accuracy and the <c>Performance Summary</c> medians per load point; its throughput lines are broken in the seed
/// and skipped) and the sanity job's (<c>SGLang Sanity Check Timing Summary</c>: per model, trial accuracies, final
/// result, highest vs required accuracy). A file with only a header (the job died) has no result.
/// </summary>
public static partial class TimingSummaryParser
{
    public const string Expectation =
        "a seed timing summary with a result: 'GSM8K accuracy: x', 'Performance Summary' entries ('Concurrency N:' / 'Request Rate N:' + '  E2E Latency: … ms'), or sanity 'Trial N: … (Accuracy: x, …)' lines";

    public static TimingSummaryResult ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>The summary; throws <see cref="OutputParseException"/> when it holds no result.</summary>
    public static TimingSummaryResult Parse(string text, string file = "<input>")
    {
        var result = Read(text);
        if (!result.HasResult)
        {
            throw new OutputParseException(file, null, Expectation);
        }

        return result;
    }

    /// <summary>Whatever the file holds, possibly nothing (<see cref="TimingSummaryResult.HasResult"/> false).</summary>
    public static TimingSummaryResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = TextLine.Split(text);
        var sanity = lines.Any(l => l.Text.Contains("Sanity Check Timing Summary", StringComparison.Ordinal));
        return sanity ? ReadSanity(lines) : ReadBenchmark(lines);
    }

    private static TimingSummaryResult ReadBenchmark(IReadOnlyList<TextLine> lines)
    {
        double? gsm8k = null, average = null, early = null;
        var points = new List<TimingSummaryPoint>();
        TimingSummaryPoint? current = null;
        foreach (var line in lines)
        {
            var text = line.Text.Trim();
            Match m;
            if ((m = PointHeaderPattern().Match(text)).Success)
            {
                Flush();
                current = new TimingSummaryPoint(m.Groups[1].Value, null, null, null, line.Number);
            }
            else if (current is not null && (m = PointMetricPattern().Match(text)).Success)
            {
                var value = Value(m.Groups[2].Value);
                current = m.Groups[1].Value switch
                {
                    "E2E Latency" => current with { E2eMs = value },
                    "TTFT" => current with { TtftMs = value },
                    _ => current with { ItlMs = value },
                };
            }
            else if ((m = Gsm8kAccuracyPattern().Match(text)).Success)
            {
                gsm8k = Value(m.Groups[1].Value);
            }
            else if ((m = AverageAccuracyPattern().Match(text)).Success)
            {
                average = Value(m.Groups[1].Value);
            }
            else if ((m = RequiredAccuracyPattern().Match(text)).Success)
            {
                early = Value(m.Groups[1].Value);
            }
            else if (text.Length == 0 || text.EndsWith(':') && !text.StartsWith("Concurrency", StringComparison.Ordinal))
            {
                Flush();
            }
        }

        Flush();
        return new TimingSummaryResult { Kind = "benchmark", Gsm8kAccuracy = gsm8k ?? average ?? early, Points = points };

        void Flush()
        {
            if (current is not null)
            {
                points.Add(current);
                current = null;
            }
        }
    }

    private static TimingSummaryResult ReadSanity(IReadOnlyList<TextLine> lines)
    {
        var models = new List<TimingSummaryModel>();
        TimingSummaryModel? current = null;
        var accuracies = new List<double>();
        foreach (var line in lines)
        {
            var text = line.Text.Trim();
            Match m;
            if ((m = SanityModelPattern().Match(text)).Success)
            {
                Flush();
                current = new TimingSummaryModel(m.Groups[1].Value, [], null, null, null, line.Number);
            }
            else if (current is null)
            {
                continue;
            }
            else if ((m = TrialPattern().Match(text)).Success)
            {
                accuracies.Add(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            }
            else if ((m = FinalResultPattern().Match(text)).Success)
            {
                current = current with { Passed = m.Groups[1].Value == "PASS" };
            }
            else if ((m = HighestAccuracyPattern().Match(text)).Success)
            {
                current = current with { HighestAccuracy = Value(m.Groups[1].Value), RequiredAccuracy = Value(m.Groups[2].Value) };
            }
        }

        Flush();
        return new TimingSummaryResult { Kind = "sanity", Models = models };

        void Flush()
        {
            if (current is not null)
            {
                models.Add(current with { TrialAccuracies = accuracies.ToArray() });
                accuracies.Clear();
                current = null;
            }
        }
    }

    public static JsonObject ToJson(TimingSummaryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var points = new JsonArray();
        foreach (var p in result.Points)
        {
            points.Add(new JsonObject { ["load"] = p.Load, ["e2eMs"] = p.E2eMs, ["ttftMs"] = p.TtftMs, ["itlMs"] = p.ItlMs });
        }

        var models = new JsonArray();
        foreach (var m in result.Models)
        {
            models.Add(new JsonObject
            {
                ["model"] = m.Model,
                ["trialAccuracies"] = new JsonArray(m.TrialAccuracies.Select(a => (JsonNode?)a).ToArray()),
                ["passed"] = m.Passed,
                ["highestAccuracy"] = m.HighestAccuracy,
                ["requiredAccuracy"] = m.RequiredAccuracy,
            });
        }

        return new JsonObject
        {
            ["kind"] = result.Kind,
            ["gsm8kAccuracy"] = result.Gsm8kAccuracy,
            ["points"] = points,
            ["models"] = models,
        };
    }

    private static double? Value(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    [GeneratedRegex(@"^((?:Request Rate|Concurrency) [\d.]+):$")]
    private static partial Regex PointHeaderPattern();

    [GeneratedRegex(@"^(E2E Latency|TTFT|ITL): (\S+) ms$")]
    private static partial Regex PointMetricPattern();

    [GeneratedRegex(@"^GSM8K accuracy: (\S+)$")]
    private static partial Regex Gsm8kAccuracyPattern();

    [GeneratedRegex(@"^Average accuracy: (\S+)$")]
    private static partial Regex AverageAccuracyPattern();

    [GeneratedRegex(@"^Accuracy: (\S+) \(Required: [\d.]+\)$")]
    private static partial Regex RequiredAccuracyPattern();

    [GeneratedRegex(@"^=== (.+?) on \S+ ===$")]
    private static partial Regex SanityModelPattern();

    [GeneratedRegex(@"^Trial \d+: \w+ .*\(Accuracy: ([\d.]+),")]
    private static partial Regex TrialPattern();

    [GeneratedRegex(@"^Final result: (PASS|FAIL)\b")]
    private static partial Regex FinalResultPattern();

    [GeneratedRegex(@"^Highest accuracy: (\S+) \(Required: (\S+)\)$")]
    private static partial Regex HighestAccuracyPattern();
}
