namespace SglangCi.Toolkit.Gsm8k;

/// <summary>
/// Accuracy and invalid rate as fractions; latency is the wall time of the whole evaluation. <see cref="FirstError"/>
/// is the error of the first failed request (null when none failed), so a caller can tell a broken endpoint from a
/// poor score.
/// </summary>
public sealed record Gsm8kResult(
    double Accuracy,
    double Invalid,
    double LatencySeconds,
    double OutputThroughput,
    int Questions,
    int Failed,
    string? FirstError = null);
