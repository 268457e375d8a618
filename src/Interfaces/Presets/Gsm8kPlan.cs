namespace SglangCi.Interfaces.Presets;

/// <summary>The accuracy gate run before any benchmark: up to <see cref="Trials"/> evaluations of GSM8K.</summary>
[GenerateSerializer, Immutable]
public sealed record Gsm8kPlan(
    [property: Id(0)] double Threshold,
    [property: Id(1)] int Trials,
    [property: Id(2)] int Questions,
    [property: Id(3)] int Parallel,
    [property: Id(4)] int Shots,
    [property: Id(5)] Gsm8kGateRule Rule);

[GenerateSerializer]
public enum Gsm8kGateRule
{
    /// <summary>Pass at the first trial at or above the threshold; else pass iff the mean of valid trials is.</summary>
    EarlyExit = 0,

    /// <summary>Run every trial; pass iff the mean of valid trials is at or above the threshold.</summary>
    Mean = 1,
}
