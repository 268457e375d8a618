namespace SglangCi.Interfaces.Runs;

/// <summary>A day that has runs: how many, and how many failed (for a date picker that shows where data is).</summary>
[GenerateSerializer, Immutable]
public sealed record RunDay(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] int Runs,
    [property: Id(2)] int Failed);
