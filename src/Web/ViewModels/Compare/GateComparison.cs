using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels.Compare;

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
    public string DeltaText => DeltaPoints is { } d ? MetricChange.Signed(d, "0.0") + " pt" : Formats.None;

    /// <summary>True when there is anything to show: at least one run ran the gate.</summary>
    public bool Any => A is not null || B is not null;

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
