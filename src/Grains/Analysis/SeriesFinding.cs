using SglangCi.Interfaces.History;
using SglangCi.Toolkit.Analysis;

namespace SglangCi.Grains.Analysis;

/// <summary>
/// A night the detector flagged in one series and metric: the verdict, the night's value against its baseline, the
/// change (positive = worse), the image of the night and of the last normal night before the change (what to diff), and,
/// whether this night opens a confirmed change (the night a live system alerts; the later nights of the same change are
/// confirmed too, until the baseline has moved), and for that night of a regression whether the nights after it bore it
/// out (null when the history ends first).
/// </summary>
public sealed record SeriesFinding(
    TrendSeries Series,
    string Metric,
    DateOnly Night,
    DateOnly? Since,
    NightVerdict Verdict,
    double Value,
    double Baseline,
    double RelativeChange,
    double? Spreads,
    string? Image,
    string? BaselineImage,
    bool Opens,
    bool? BorneOut)
{
    /// <summary>The night a regression was first confirmed: what a live system alerts on, once per change.</summary>
    public bool OpensRegression => Opens && Verdict == NightVerdict.ConfirmedRegression;

    /// <summary>A regression alert that the following nights did not bear out: the false alert the design counts.</summary>
    public bool IsFalseAlert => OpensRegression && BorneOut == false;
}
