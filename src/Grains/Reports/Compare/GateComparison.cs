using System.Globalization;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Analysis;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// The GSM8K gates of two runs side by side: accuracy, threshold, rule and verdict of each, and the accuracy change in
/// percentage points (what people say: "accuracy dropped 1.5 points"), judged like any higher-is-better metric.
/// </summary>
public sealed record GateComparison(Gsm8kGateResult? A, Gsm8kGateResult? B)
{
    public static readonly CompareMetric Accuracy = new("gsm8k-accuracy", "GSM8K", "accuracy", "", MetricDirection.HigherIsBetter, "0.###");

    public MetricChange Change => new(Accuracy, Finite(A?.Accuracy), Finite(B?.Accuracy));

    /// <summary>A − B in percentage points; null when either gate has no accuracy.</summary>
    public double? DeltaPoints => Change.Absolute * 100;

    /// <summary>The change as it reads: "+1.5 pt", "−0.3 pt", or "—".</summary>
    public string DeltaText => DeltaPoints is { } d ? MetricChange.Signed(d, "0.0") + " pt" : ReportText.None;

    /// <summary>Whether the accuracies differ beyond the luck of the questions: the two-proportion z-test over every trial's
    /// answers of each run; null when either run has no trials (imported gates often keep only the accuracy).</summary>
    public ProportionComparison? Significance =>
        Answers(A) is { } a && Answers(B) is { } b ? TwoProportionTest.Compare(a.Correct, a.Questions, b.Correct, b.Questions) : null;

    /// <summary>The test as it reads: "p = 0.002, significant", "p = 0.31, within noise", or "—".</summary>
    public string SignificanceText => Significance is { } s
        ? string.Create(CultureInfo.InvariantCulture, $"p = {s.PValue:0.###}, {(s.Significant ? "significant" : "within noise")}")
        : ReportText.None;

    /// <summary>True when there is anything to show: at least one run ran the gate.</summary>
    public bool Any => A is not null || B is not null;

    /// <summary>Correct answers and questions over all trials (each trial's accuracy times its questions).</summary>
    private static (int Correct, int Questions)? Answers(Gsm8kGateResult? gate)
    {
        var trials = gate?.Trials.Where(t => t.Questions > 0 && double.IsFinite(t.Accuracy)).ToList();
        return trials is { Count: > 0 }
            ? (trials.Sum(t => (int)Math.Round(Math.Clamp(t.Accuracy, 0, 1) * t.Questions)), trials.Sum(t => t.Questions))
            : null;
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
