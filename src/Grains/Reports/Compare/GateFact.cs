using System.Globalization;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// One line of the GSM8K gate table of a report — accuracy (with its change), threshold, verdict, rule, trials — in
/// the page's order, so every format shows the gates alike.
/// </summary>
public sealed record GateFact(string Label, string A, string B, MetricChange? Change)
{
    public static IReadOnlyList<GateFact> Of(GateComparison gate) =>
    [
        new("accuracy", ReportText.Percent(gate.A?.Accuracy), ReportText.Percent(gate.B?.Accuracy), gate.Change),
        new("threshold", ReportText.Percent(gate.A?.Threshold), ReportText.Percent(gate.B?.Threshold), null),
        new("verdict", Verdict(gate.A), Verdict(gate.B), null),
        new("rule", gate.A?.Rule ?? ReportText.None, gate.B?.Rule ?? ReportText.None, null),
        new("trials", Trials(gate.A), Trials(gate.B), null),
    ];

    private static string Verdict(Gsm8kGateResult? gate) => gate is null ? ReportText.None : gate.Passed ? "passed" : "failed";

    private static string Trials(Gsm8kGateResult? gate) => gate?.Trials.Count.ToString(CultureInfo.InvariantCulture) ?? ReportText.None;
}
