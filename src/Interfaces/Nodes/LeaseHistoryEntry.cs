namespace SglangCi.Interfaces.Nodes;

/// <summary>
/// One lease's life on a node, kept so overlaps can be audited (and tested). Evictions of our own leftover
/// containers are recorded too: run id <c>(eviction)</c>, the busy GPUs that prompted it, and <see cref="Evicted"/>.
/// </summary>
/// <param name="Evicted">For an eviction entry: the leftover containers of ours removed.</param>
[GenerateSerializer, Immutable]
public sealed record LeaseHistoryEntry(
    [property: Id(0)] Guid LeaseId,
    [property: Id(1)] string RunId,
    [property: Id(2)] IReadOnlyList<int> Gpus,
    [property: Id(3)] DateTimeOffset GrantedAt,
    [property: Id(4)] DateTimeOffset? EndedAt,
    [property: Id(5)] string? EndReason,
    [property: Id(6)] IReadOnlyList<string>? Evicted = null);
