using System.Globalization;
using System.Text.RegularExpressions;
using SglangCi.Toolkit.History.Records;
using SglangCi.Toolkit.Parsing;

namespace SglangCi.Toolkit.History.Online;

/// <summary>
/// Reads the old CI's GSM8K gate log (<c>sglang_client_log_&lt;M&gt;_gsm8k[_aiter].log</c>): each
/// <c>Executing GSM8K test Run i</c> with bench_sglang's <c>Accuracy/Invalid/Latency/Output throughput</c> lines,
/// whether the run was counted, and the final verdict with the threshold printed at the time. Two rules existed:
/// the mean of the valid runs (<c>Average Accuracy over … runs</c>), and from Dec 11, 2025 early exit
/// (<c>Passed on run i, skipping …</c>). A log that stops before a verdict is a <c>no-result</c> gate.
/// </summary>
public static partial class GateLogParser
{
    public static HistoryGate Parse(string text, string relativePath, string runId)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trials = new List<HistoryGateTrial>();
        var included = new Dictionary<int, bool>();
        TrialBuilder? current = null;
        string outcome = HistoryGate.NoResult, rule = HistoryGate.MeanRule;
        double? threshold = null, accuracy = null;
        var verdictLine = 0;
        foreach (var line in TextLine.Split(text))
        {
            var t = line.Text.Trim();
            Match m;
            if ((m = ExecutingPattern().Match(t)).Success)
            {
                Close();
                current = new TrialBuilder(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), line.Number);
            }
            else if ((m = ProgressTotalPattern().Match(t)).Success && current is not null)
            {
                current.Questions ??= int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            }
            else if ((m = MetricPattern().Match(t)).Success && current is not null)
            {
                var value = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                switch (m.Groups[1].Value)
                {
                    case "Accuracy":
                        current.Accuracy = value;
                        current.Line = line.Number;
                        break;
                    case "Invalid":
                        current.Invalid = value;
                        break;
                    case "Latency":
                        current.LatencyS = value;
                        break;
                    default:
                        current.OutputThroughput = value;
                        break;
                }
            }
            else if ((m = CountedPattern().Match(t)).Success)
            {
                included[int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)] = m.Groups[1].Value == "✓";
            }
            else if ((m = AveragePattern().Match(t)).Success)
            {
                accuracy = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            }
            else if ((m = MeetsPattern().Match(t)).Success)
            {
                (outcome, threshold, verdictLine) = (HistoryGate.Passed, Number(m.Groups[1].Value), line.Number);
            }
            else if ((m = BelowPattern().Match(t)).Success)
            {
                (outcome, accuracy, threshold, verdictLine) = (HistoryGate.BelowThreshold, Number(m.Groups[1].Value), Number(m.Groups[2].Value), line.Number);
            }
            else if (EarlyExitPattern().IsMatch(t))
            {
                rule = HistoryGate.EarlyExitRule;
            }
            else if ((m = RequiredPattern().Match(t)).Success)
            {
                (accuracy, threshold) = (Number(m.Groups[1].Value), Number(m.Groups[2].Value));
            }
        }

        Close();
        var finished = trials.Select(tr => tr with { Included = included.TryGetValue(tr.Trial, out var inc) ? inc : null }).ToList();
        if (outcome == HistoryGate.NoResult)
        {
            accuracy = null;
        }

        return new HistoryGate(runId, outcome, rule, threshold, accuracy, finished, new SourceRef(relativePath, verdictLine));

        void Close()
        {
            if (current?.Accuracy is { } acc)
            {
                trials.Add(new HistoryGateTrial(current.Number, acc, current.Invalid, current.LatencyS, current.OutputThroughput,
                    current.Questions, null, new SourceRef(relativePath, current.Line)));
            }

            current = null;
        }
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private sealed class TrialBuilder(int number, int line)
    {
        public int Number { get; } = number;
        public int Line { get; set; } = line;
        public double? Accuracy { get; set; }
        public double? Invalid { get; set; }
        public double? LatencyS { get; set; }
        public double? OutputThroughput { get; set; }
        public int? Questions { get; set; }
    }

    [GeneratedRegex(@"^Executing GSM8K test Run (\d+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ExecutingPattern();

    [GeneratedRegex(@"\|\s*\d+/(\d+) \[", RegexOptions.CultureInvariant)]
    private static partial Regex ProgressTotalPattern();

    [GeneratedRegex(@"^(Accuracy|Invalid|Latency|Output throughput): ([\d.]+)(?: s| token/s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex MetricPattern();

    [GeneratedRegex(@"^(✓|✗) Run (\d+) (?:included in|excluded from) average", RegexOptions.CultureInvariant)]
    private static partial Regex CountedPattern();

    [GeneratedRegex(@"^Average Accuracy over \d+ (?:valid )?runs(?: for mode \w+)?: ([\d.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex AveragePattern();

    [GeneratedRegex(@"^(?:Average accuracy|Accuracy) meets threshold \(([\d.]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex MeetsPattern();

    [GeneratedRegex(@"^Average accuracy \(([\d.]+)\) is below threshold \(([\d.]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex BelowPattern();

    [GeneratedRegex(@"Passed on run \d+, skipping", RegexOptions.CultureInvariant)]
    private static partial Regex EarlyExitPattern();

    [GeneratedRegex(@"^Accuracy: ([\d.]+) \(Required: ([\d.]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex RequiredPattern();
}
