namespace SglangCi.Toolkit.History.Records;

/// <summary>
/// The GSM8K gate of an imported run, with the rule and threshold the log printed at the time (not today's), and
/// every trial. <see cref="Outcome"/> is <c>passed</c>, <c>below-threshold</c> or <c>no-result</c> (the server died
/// before or while gating); only the first two have a threshold.
/// </summary>
public sealed record HistoryGate(
    string RunId,
    string Outcome,
    string Rule,
    double? Threshold,
    double? Accuracy,
    IReadOnlyList<HistoryGateTrial> Trials,
    SourceRef Source)
{
    public const string Passed = "passed";
    public const string BelowThreshold = "below-threshold";
    public const string NoResult = "no-result";

    /// <summary>The mean of the valid trials is compared with the threshold (the old CI until Dec 11, 2025).</summary>
    public const string MeanRule = "mean";

    /// <summary>The first trial at or above the threshold passes and the rest are skipped (from Dec 11, 2025).</summary>
    public const string EarlyExitRule = "early-exit";
}

/// <summary>One GSM8K trial; <see cref="Included"/> says whether the old CI counted it in the mean.</summary>
public sealed record HistoryGateTrial(int Trial, double Accuracy, double? Invalid, double? LatencyS, double? OutputThroughput, int? Questions, bool? Included, SourceRef Source);
