namespace SglangCi.Toolkit.Analysis;

/// <summary>A night's accuracy (the trials' mean) against its series: the baseline, the drop (positive = worse, in
/// accuracy units), the drop it had to reach (max(3 σ, 1.5 points)), and the verdict.</summary>
public sealed record AccuracyAssessment(DateOnly Night, double Mean, double? Baseline, double? Drop, double? RequiredDrop, AccuracyVerdict Verdict);
