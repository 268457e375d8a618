namespace SglangCi.Toolkit.Analysis;

/// <summary>
/// One night judged against its series: the night's value (median of its runs), the baseline (median of the last valid
/// nights) and its spread (scaled MAD), the relative change (positive = worse, whatever the metric's direction), the
/// distance in spreads (null when the baseline has no spread), and the verdict. <see cref="Since"/> is the first night of
/// a confirmed streak (the night the change showed), else null.
/// </summary>
public sealed record NightAssessment(
    DateOnly Night,
    double? Value,
    double? Baseline,
    double? Spread,
    double? RelativeChange,
    double? Spreads,
    NightVerdict Verdict,
    DateOnly? Since = null)
{
    public bool IsRegression => Verdict is NightVerdict.CandidateRegression or NightVerdict.ConfirmedRegression;

    public bool IsImprovement => Verdict is NightVerdict.CandidateImprovement or NightVerdict.ConfirmedImprovement;
}
