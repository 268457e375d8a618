namespace SglangCi.Interfaces.Runs;

/// <summary>A filter over stored runs. Dates are image dates when set, else start dates (UTC).</summary>
[GenerateSerializer, Immutable]
public sealed record RunQuery(
    [property: Id(0)] DateOnly? From,
    [property: Id(1)] DateOnly? To,
    [property: Id(2)] string? Hardware,
    [property: Id(3)] string? Node,
    [property: Id(4)] string? Preset,
    [property: Id(5)] int Limit = 500)
{
    /// <summary>Only runs of this schedule job (<see cref="RunSummary.JobKey"/>).</summary>
    [Id(6)]
    public string? JobKey { get; init; }
}
