namespace SglangCi.Interfaces.Nodes;

/// <summary>One lease's life on a node, kept so overlaps can be audited (and tested).</summary>
[GenerateSerializer, Immutable]
public sealed record LeaseHistoryEntry(
    [property: Id(0)] Guid LeaseId,
    [property: Id(1)] string RunId,
    [property: Id(2)] IReadOnlyList<int> Gpus,
    [property: Id(3)] DateTimeOffset GrantedAt,
    [property: Id(4)] DateTimeOffset? EndedAt,
    [property: Id(5)] string? EndReason);
