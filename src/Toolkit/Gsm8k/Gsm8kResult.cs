namespace SglangCi.Toolkit.Gsm8k;

/// <summary>Accuracy and invalid rate as fractions; latency is the wall time of the whole evaluation.</summary>
public sealed record Gsm8kResult(
    double Accuracy,
    double Invalid,
    double LatencySeconds,
    double OutputThroughput,
    int Questions,
    int Failed);
