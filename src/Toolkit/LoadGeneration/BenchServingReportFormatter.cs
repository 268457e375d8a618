using System.Globalization;
using System.Text;
using SglangCi.Toolkit.Text;
using L = SglangCi.Toolkit.LoadGeneration.BenchServingLabels;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// Prints bench_serving's summary block (<c>"{label:&lt;40} {value:&lt;10}"</c> lines, floats with two decimals,
/// 50-character rules), so our client logs can be read by the same people and tools as SGLang's, and so
/// <see cref="BenchServingLogParser"/> reads both alike. Absent (null) fields are left out, as bench_serving
/// leaves out lines its version does not know.
/// </summary>
public static class BenchServingReportFormatter
{
    /// <summary>Formats a run of ours: <see cref="BenchServingSummary.FromReport"/> then <see cref="Format(BenchServingSummary)"/>.</summary>
    public static string Format(BenchmarkReport report, LoadGeneratorOptions options, string backend = "sglang-oai") =>
        Format(BenchServingSummary.FromReport(report, options, backend));

    /// <summary>Formats the block, ending with the closing rule and a newline.</summary>
    public static string Format(BenchServingSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var block = new BlockWriter();
        block.Rule(L.Title, '=');
        block.Text(L.Backend, summary.Backend);
        block.Text(L.TrafficRequestRate, summary.RequestRate is { } rate ? PythonFormat.FloatRepr(rate) : null);
        block.Text(L.MaxRequestConcurrency, summary.MaxConcurrency?.ToString(CultureInfo.InvariantCulture) ?? "not set");
        block.Integer(L.SuccessfulRequests, summary.SuccessfulRequests);
        block.Float(L.BenchmarkDuration, summary.DurationSeconds);
        block.Integer(L.TotalInputTokens, summary.TotalInputTokens);
        block.Integer(L.TotalInputTextTokens, summary.TotalInputTextTokens);
        block.Integer(L.TotalInputVisionTokens, summary.TotalInputVisionTokens);
        block.Integer(L.TotalGeneratedTokens, summary.TotalGeneratedTokens);
        block.Integer(L.TotalGeneratedTokensRetokenized, summary.TotalGeneratedTokensRetokenized);
        block.Float(L.RequestThroughput, summary.RequestThroughput);
        block.Float(L.RequestGoodput, summary.RequestGoodput);
        block.Float(L.InputTokenThroughput, summary.InputTokenThroughput);
        block.Float(L.OutputTokenThroughput, summary.OutputTokenThroughput);
        block.Float(L.PeakOutputTokenThroughput, summary.PeakOutputTokenThroughput);
        block.Integer(L.PeakConcurrentRequests, summary.PeakConcurrentRequests is { } peak ? (long)Math.Round(peak) : null);
        block.Float(L.TotalTokenThroughput, summary.TotalTokenThroughput);
        block.Float(L.Concurrency, summary.Concurrency);
        block.Float(L.AcceptLength, summary.AcceptLength);

        block.Section(L.SectionE2e, (L.MeanE2e, summary.MeanE2eMs), (L.MedianE2e, summary.MedianE2eMs), (L.P90E2e, summary.P90E2eMs), (L.P99E2e, summary.P99E2eMs));
        block.Section(L.SectionTtft, (L.MeanTtft, summary.MeanTtftMs), (L.MedianTtft, summary.MedianTtftMs), (L.P99Ttft, summary.P99TtftMs));
        block.Section(L.SectionTpot, (L.MeanTpot, summary.MeanTpotMs), (L.MedianTpot, summary.MedianTpotMs), (L.P99Tpot, summary.P99TpotMs));
        block.Section(
            L.SectionItl,
            (L.MeanItl, summary.MeanItlMs),
            (L.MedianItl, summary.MedianItlMs),
            (L.P95Itl, summary.P95ItlMs),
            (L.P99Itl, summary.P99ItlMs),
            (L.MaxItl, summary.MaxItlMs));
        block.Rule(string.Empty, '=');
        return block.ToString();
    }

    /// <summary>Accumulates lines in bench_serving's layout.</summary>
    private sealed class BlockWriter
    {
        private readonly StringBuilder _text = new();

        public void Rule(string title, char fill) =>
            _text.Append(PythonFormat.Center(title, L.RuleWidth, fill)).Append('\n');

        public void Text(string label, string? value)
        {
            if (value is not null)
            {
                _text.Append(CultureInfo.InvariantCulture, $"{label + ":",-40} {value,-10}").Append('\n');
            }
        }

        public void Integer(string label, long? value) => Text(label, value?.ToString(CultureInfo.InvariantCulture));

        public void Float(string label, double? value) => Text(label, value is { } v ? PythonFormat.Fixed(v, 2) : null);

        /// <summary>Writes a titled group, or nothing when none of its values is known.</summary>
        public void Section(string title, params (string Label, double? Value)[] lines)
        {
            if (lines.All(l => l.Value is null))
            {
                return;
            }

            Rule(title, '-');
            foreach (var (label, value) in lines)
            {
                Float(label, value);
            }
        }

        public override string ToString() => _text.ToString();
    }
}
