namespace SglangCi.Interfaces.Runs;

/// <summary>When a phase of a run started and finished, and how it ended.</summary>
[GenerateSerializer, Immutable]
public sealed record PhaseRecord(
    [property: Id(0)] RunPhase Phase,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] DateTimeOffset? FinishedAt,
    [property: Id(3)] PhaseStatus Status);
