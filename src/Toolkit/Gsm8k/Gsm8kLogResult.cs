namespace SglangCi.Toolkit.Gsm8k;

/// <summary>The result lines of one GSM8K run found in a log; a field is null when its line is absent (old variants, crashes).</summary>
public sealed record Gsm8kLogResult(double? Accuracy, double? Invalid, double? LatencySeconds, double? OutputThroughput)
{
    public static readonly Gsm8kLogResult Empty = new(null, null, null, null);
}
