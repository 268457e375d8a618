namespace SglangCi.Interfaces.Runs;

/// <summary>A run as lists show it: identity, keys of its series, and outcome.</summary>
[GenerateSerializer, Immutable]
public sealed record RunSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Preset,
    [property: Id(2)] int PresetVersion,
    [property: Id(3)] string Model,
    [property: Id(4)] string Node,
    [property: Id(5)] string Host,
    [property: Id(6)] string Hardware,
    [property: Id(7)] string Mode,
    [property: Id(8)] string? Image,
    [property: Id(9)] DateOnly? ImageDate,
    [property: Id(10)] RunStatus Status,
    [property: Id(11)] string? Reason,
    [property: Id(12)] DateTimeOffset? StartedAt,
    [property: Id(13)] DateTimeOffset? FinishedAt,
    [property: Id(14)] RunPhase Phase,
    [property: Id(15)] string Trigger)
{
    /// <summary>The schedule job the run was fired for (<c>SCHEDULE/JOB</c>); null for a run started by hand or imported.</summary>
    [Id(16)]
    public string? JobKey { get; init; }
}
