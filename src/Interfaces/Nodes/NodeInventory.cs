namespace SglangCi.Interfaces.Nodes;

/// <summary>What a GPU host is: the facts a node grain needs to lease its GPUs and launch engines.</summary>
/// <param name="Name">Node name, also the grain key and the silo's configured node name (e.g. <c>mi35x-m12-33</c>).</param>
/// <param name="Hardware">Hardware kind (<c>mi30x</c>, <c>mi35x</c>, <c>h100</c>, <c>sim</c>).</param>
/// <param name="Host">Host name the node runs on; series are keyed by it.</param>
/// <param name="GpuCount">GPUs on the node.</param>
/// <param name="Runtime">Which engine runtime drives the node.</param>
[GenerateSerializer, Immutable]
public sealed record NodeInventory(
    [property: Id(0)] string Name,
    [property: Id(1)] string Hardware,
    [property: Id(2)] string Host,
    [property: Id(3)] int GpuCount,
    [property: Id(4)] EngineRuntimeKind Runtime);

[GenerateSerializer]
public enum EngineRuntimeKind
{
    Simulated = 0,
    Docker = 1,
    Process = 2,
}
