using System.Globalization;
using SglangCi.Toolkit.Text;
using L = SglangCi.Toolkit.LoadGeneration.BenchServingLabels;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// Reads bench_serving summary blocks out of captured client logs (real SGLang output or ours). It keys on label
/// text rather than line positions, tolerates the trailing padding, and treats every line as optional, because
/// the block's content changed across SGLang versions.
/// </summary>
public static class BenchServingLogParser
{
    /// <summary>The last block in <paramref name="text"/> (a rerun appended to a log supersedes earlier output); null when there is none.</summary>
    public static BenchServingSummary? Parse(string text)
    {
        var all = ParseAll(text);
        return all.Count == 0 ? null : all[^1];
    }

    /// <summary>Every block in order. A block runs from its <c>= Serving Benchmark Result =</c> header to the closing rule or the end of the text.</summary>
    public static IReadOnlyList<BenchServingSummary> ParseAll(string text)
    {
        var lines = LogLines.Split(text);
        var blocks = new List<BenchServingSummary>();
        Dictionary<string, string>? current = null;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (IsHeader(line))
            {
                if (current is not null)
                {
                    blocks.Add(Build(current));
                }

                current = new Dictionary<string, string>(StringComparer.Ordinal);
                continue;
            }

            if (current is null)
            {
                continue;
            }

            if (IsClosingRule(line))
            {
                blocks.Add(Build(current));
                current = null;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line.StartsWith('-'))
            {
                continue; // section separators and anything that is not "label: value"
            }

            var label = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            current[label] = value;
        }

        if (current is not null)
        {
            blocks.Add(Build(current));
        }

        return blocks;
    }

    private static bool IsHeader(string line) =>
        line.StartsWith('=') && line.Contains(L.Title.Trim(), StringComparison.Ordinal) && !line.EndsWith("Results", StringComparison.Ordinal);

    private static bool IsClosingRule(string line) => line.Length >= 10 && line.All(c => c == '=');

    private static BenchServingSummary Build(Dictionary<string, string> v) => new()
    {
        Backend = v.GetValueOrDefault(L.Backend),
        RequestRate = Number(v, L.TrafficRequestRate),
        MaxConcurrency = (int?)Integer(v, L.MaxRequestConcurrency),
        SuccessfulRequests = (int?)Integer(v, L.SuccessfulRequests),
        DurationSeconds = Number(v, L.BenchmarkDuration),
        TotalInputTokens = Integer(v, L.TotalInputTokens),
        TotalInputTextTokens = Integer(v, L.TotalInputTextTokens),
        TotalInputVisionTokens = Integer(v, L.TotalInputVisionTokens),
        TotalGeneratedTokens = Integer(v, L.TotalGeneratedTokens),
        TotalGeneratedTokensRetokenized = Integer(v, L.TotalGeneratedTokensRetokenized),
        RequestThroughput = Number(v, L.RequestThroughput),
        RequestGoodput = Number(v, L.RequestGoodput),
        InputTokenThroughput = Number(v, L.InputTokenThroughput),
        OutputTokenThroughput = Number(v, L.OutputTokenThroughput),
        PeakOutputTokenThroughput = Number(v, L.PeakOutputTokenThroughput),
        PeakConcurrentRequests = Number(v, L.PeakConcurrentRequests),
        TotalTokenThroughput = Number(v, L.TotalTokenThroughput),
        Concurrency = Number(v, L.Concurrency),
        AcceptLength = Number(v, L.AcceptLength),
        MeanE2eMs = Number(v, L.MeanE2e),
        MedianE2eMs = Number(v, L.MedianE2e),
        P90E2eMs = Number(v, L.P90E2e),
        P99E2eMs = Number(v, L.P99E2e),
        MeanTtftMs = Number(v, L.MeanTtft),
        MedianTtftMs = Number(v, L.MedianTtft),
        P99TtftMs = Number(v, L.P99Ttft),
        MeanTpotMs = Number(v, L.MeanTpot),
        MedianTpotMs = Number(v, L.MedianTpot),
        P99TpotMs = Number(v, L.P99Tpot),
        MeanItlMs = Number(v, L.MeanItl),
        MedianItlMs = Number(v, L.MedianItl),
        P95ItlMs = Number(v, L.P95Itl),
        P99ItlMs = Number(v, L.P99Itl),
        MaxItlMs = Number(v, L.MaxItl),
        Values = v,
    };

    /// <summary>A number, <c>inf</c> as infinity; null for absent or non-numeric values such as <c>not set</c> or <c>trace</c>.</summary>
    private static double? Number(Dictionary<string, string> values, string label)
    {
        if (!values.TryGetValue(label, out var text))
        {
            return null;
        }

        if (text.Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null;
    }

    private static long? Integer(Dictionary<string, string> values, string label) =>
        values.TryGetValue(label, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
