namespace SglangCi.Interfaces.Nodes;

/// <summary>A grant of some of a node's GPUs to one run, valid until <see cref="ExpiresAt"/> unless renewed.</summary>
[GenerateSerializer, Immutable]
public sealed record GpuLease(
    [property: Id(0)] Guid LeaseId,
    [property: Id(1)] string NodeName,
    [property: Id(2)] string RunId,
    [property: Id(3)] IReadOnlyList<int> Gpus,
    [property: Id(4)] DateTimeOffset GrantedAt,
    [property: Id(5)] DateTimeOffset ExpiresAt);
