namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// One metric of one load point on both sides: A (the run or night judged), B (the baseline), A − B and its size
/// relative to B, judged by the metric's direction.
/// </summary>
/// <remarks>
/// Missing stays missing: a value one side never recorded is null (shown as "—"), never 0, and yields no change, so
/// a summary-only night cannot look like a 100 % throughput drop. A zero baseline has no relative change (the ratio is
/// undefined); the verdict then follows the absolute difference, which is what matters for counts such as failed
/// requests going from 0 to 3.
/// </remarks>
public sealed record MetricChange(CompareMetric Metric, double? A, double? B)
{
    /// <summary>
    /// Relative changes smaller than this (2 %) are noise: two nights of the same image differ by about that much, and a
    /// table coloured end to end hides the changes that matter.
    /// </summary>
    public const double NeutralBand = 0.02;

    /// <summary>The neutral band as it reads in a legend: "2 %".</summary>
    public static readonly string NeutralBandText = ReportText.Number(NeutralBand * 100, "0.#") + " %";

    /// <summary>A − B; null when either side is missing.</summary>
    public double? Absolute => A is { } a && B is { } b ? a - b : null;

    /// <summary>(A − B) / |B|; null when either side is missing or B is 0.</summary>
    public double? Relative => Absolute is { } d && B is { } b && b != 0 ? d / Math.Abs(b) : null;

    public ChangeVerdict Verdict
    {
        get
        {
            if (Absolute is not { } difference)
            {
                return ChangeVerdict.Missing;
            }

            var noise = Relative is { } relative ? Math.Abs(relative) < NeutralBand : difference == 0;
            if (noise)
            {
                return ChangeVerdict.Neutral;
            }

            var rose = difference > 0;
            return rose == (Metric.Direction == MetricDirection.HigherIsBetter) ? ChangeVerdict.Better : ChangeVerdict.Worse;
        }
    }

    /// <summary>The CSS class of the change cells: <c>delta-better</c>, <c>delta-worse</c>, <c>delta-neutral</c> or <c>delta-missing</c>.</summary>
    public string CssClass => CssClassOf(Verdict);

    /// <summary>The absolute change with its sign and the metric's unit precision ("+12.3", "−4"); "—" when missing.</summary>
    public string AbsoluteText => Absolute is { } d ? Signed(d, Metric.Format) : ReportText.None;

    /// <summary>The relative change as a signed percentage ("+3.1 %"); "—" when missing or the baseline is 0.</summary>
    public string RelativeText => Relative is { } r ? Signed(r * 100, "0.0") + " %" : ReportText.None;

    public static string CssClassOf(ChangeVerdict verdict) => "delta-" + verdict.ToString().ToLowerInvariant();

    /// <summary>A signed number: "+" for a rise, a true minus sign for a drop, no sign for zero.</summary>
    public static string Signed(double value, string format)
    {
        var text = ReportText.Number(Math.Abs(value), format);
        return text == ReportText.Number(0, format) ? text : (value > 0 ? "+" : "\u2212") + text;
    }
}
