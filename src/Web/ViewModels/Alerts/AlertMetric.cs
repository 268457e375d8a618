using System.Globalization;

namespace SglangCi.Web.ViewModels.Alerts;

/// <summary>
/// How an analysed metric's wire name (<c>e2e-median-ms</c>, <c>gsm8k-accuracy</c>, <c>nights</c> …) reads on the alerts
/// page, and which trend plots it, so a row links to the chart people would look at to judge the alert.
/// </summary>
/// <param name="TrendKey">The trends page's <c>metric</c> key; null where the trends page has no such chart (accuracy, nights).</param>
/// <param name="IsAccuracy">Values are accuracies in 0..1 and changes drops in 0..1: they read as percent and points.</param>
/// <param name="HigherIsBetter">Throughput and accuracy regress by falling; latencies by rising.</param>
public sealed record AlertMetric(string WireName, string Label, string Unit, string? TrendKey, bool IsAccuracy, bool HigherIsBetter)
{
    public const string Accuracy = "gsm8k-accuracy";

    public const string Nights = "nights";

    private static readonly IReadOnlyList<AlertMetric> Known =
    [
        new("e2e-median-ms", "median E2E latency", "ms", TrendMetric.E2e.Key, false, false),
        new("e2e-p99-ms", "p99 E2E latency", "ms", TrendMetric.E2eP99.Key, false, false),
        new("ttft-median-ms", "median TTFT", "ms", TrendMetric.Ttft.Key, false, false),
        new("itl-median-ms", "median ITL", "ms", TrendMetric.Itl.Key, false, false),
        new("tpot-median-ms", "median TPOT", "ms", TrendMetric.Tpot.Key, false, false),
        new("output-tok-s", "output throughput", "tok/s", TrendMetric.Throughput.Key, false, true),
        new(Accuracy, "GSM8K accuracy", "%", null, true, true),
        new(Nights, "nights with results", "", null, false, true),
    ];

    /// <summary>The metric of this wire name; an unknown one (a metric added later) reads as its wire name.</summary>
    public static AlertMetric Of(string wireName) =>
        Known.FirstOrDefault(m => string.Equals(m.WireName, wireName, StringComparison.Ordinal)) ?? new(wireName, wireName, "", null, false, false);

    /// <summary>A value with its unit: <c>812.4 ms</c>, <c>1,520 tok/s</c>, accuracy <c>91.2%</c>.</summary>
    public string Value(double? value) =>
        value is not { } v || !double.IsFinite(v) ? Formats.None
        : IsAccuracy ? Formats.Percent(v)
        : Unit.Length == 0 ? Formats.Number(v) : $"{Formats.Number(v, "#,0.#")} {Unit}";

    /// <summary>
    /// A change that is positive when worse, signed as it moved the number: latency <c>+12.3%</c>, throughput <c>−8.0%</c>
    /// (worse because it fell), accuracy <c>−2.1 pt</c> (a drop of points, not a percentage of the accuracy).
    /// </summary>
    public string Change(double? worse)
    {
        if (worse is not { } w || !double.IsFinite(w))
        {
            return Formats.None;
        }

        var moved = HigherIsBetter ? -w : w;
        var sign = moved > 0 ? "+" : moved < 0 ? "−" : "";
        var size = Math.Abs(moved) * 100;
        return IsAccuracy
            ? sign + size.ToString("0.0", CultureInfo.InvariantCulture) + " pt"
            : sign + size.ToString("0.0", CultureInfo.InvariantCulture) + "%";
    }
}
