using SglangCi.Toolkit.Analysis;

namespace SglangCi.Grains.Analysis;

/// <summary>
/// A night of an accuracy series (hardware, host, model, mode) that was not normal: below the preset's threshold (the gate
/// failed) or an accuracy regression above it. <see cref="Opens"/>: the first such night of a run of bad nights — what a
/// live system alerts on, once.
/// </summary>
public sealed record AccuracyFinding(
    string Hardware,
    string Host,
    string Model,
    string Mode,
    DateOnly Night,
    AccuracyVerdict Verdict,
    double Mean,
    double? Baseline,
    double? Drop,
    double? RequiredDrop,
    int Trials,
    string? Image,
    string? BaselineImage,
    bool Opens)
{
    /// <summary>The first night of this stretch of nights with the same verdict (this night when it <see cref="Opens"/> it).</summary>
    public DateOnly Since { get; init; } = Night;

    /// <summary>An accuracy regression above the threshold first seen this night (below-threshold nights are the failed gate's own alert).</summary>
    public bool OpensRegression => Opens && Verdict == AccuracyVerdict.Regression;
}
