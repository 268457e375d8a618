namespace SglangCi.Interfaces.Nodes;

/// <summary>A run asking a node for GPUs. Asking again with the same run id keeps its place in the queue.</summary>
/// <param name="RunId">The run that will hold the lease.</param>
/// <param name="GpuCount">How many GPUs it needs (the preset's TP × DP footprint).</param>
/// <param name="TimeToLive">How long the lease lives without a renewal.</param>
[GenerateSerializer, Immutable]
public sealed record LeaseRequest(
    [property: Id(0)] string RunId,
    [property: Id(1)] int GpuCount,
    [property: Id(2)] TimeSpan TimeToLive);
