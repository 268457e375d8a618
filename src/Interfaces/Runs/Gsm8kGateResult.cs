namespace SglangCi.Interfaces.Runs;

/// <summary>The GSM8K gate of a run: its threshold, the trials run, and the verdict.</summary>
/// <param name="Accuracy">Accuracy the verdict rests on (the passing trial, or the mean of valid trials).</param>
[GenerateSerializer, Immutable]
public sealed record Gsm8kGateResult(
    [property: Id(0)] double Threshold,
    [property: Id(1)] double? Accuracy,
    [property: Id(2)] double? Invalid,
    [property: Id(3)] bool Passed,
    [property: Id(4)] string Rule,
    [property: Id(5)] IReadOnlyList<Gsm8kTrialResult> Trials);

[GenerateSerializer, Immutable]
public sealed record Gsm8kTrialResult(
    [property: Id(0)] int Trial,
    [property: Id(1)] double Accuracy,
    [property: Id(2)] double Invalid,
    [property: Id(3)] double LatencySeconds,
    [property: Id(4)] double? OutputThroughput,
    [property: Id(5)] int Questions);
