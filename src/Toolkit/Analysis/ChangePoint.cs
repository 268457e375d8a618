namespace SglangCi.Toolkit.Analysis;

/// <summary>A night where a series' level changed: the means of the windows before and after it, the relative change
/// (positive = worse for the metric's direction) and the Welch t statistic of the two windows.</summary>
public sealed record ChangePoint(DateOnly Night, double Before, double After, double RelativeChange, double T);
