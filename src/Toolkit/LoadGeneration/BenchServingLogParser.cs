using SglangCi.Toolkit.Parsing.BenchServing;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// Reads bench_serving summary blocks out of captured client logs (real SGLang output or ours) as
/// <see cref="BenchServingSummary"/>, the shape <see cref="BenchServingReportFormatter"/> prints. The reading itself
/// is <see cref="BenchServingParser.ParseText"/>'s (label variants, padding, interleaved noise, truncated blocks);
/// this class only projects its results.
/// </summary>
/// <remarks>A known label with a value that is not a number throws <see cref="Parsing.OutputParseException"/> naming the line.</remarks>
public static class BenchServingLogParser
{
    /// <summary>The last block in <paramref name="text"/> (a rerun appended to a log supersedes earlier output); null when there is none.</summary>
    public static BenchServingSummary? Parse(string text)
    {
        var all = ParseAll(text);
        return all.Count == 0 ? null : all[^1];
    }

    /// <summary>Every block in order. A block runs from its <c>= Serving Benchmark Result =</c> header to the closing rule or the end of the text.</summary>
    public static IReadOnlyList<BenchServingSummary> ParseAll(string text) =>
        BenchServingParser.ParseText(text).Select(BenchServingSummary.FromResult).ToList();
}
