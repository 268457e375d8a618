namespace SglangCi.Interfaces.Nodes;

/// <summary>
/// A GPU that no lease of ours holds and that the last probe saw in use: what it showed and, in
/// <see cref="Reason"/>, why it counts as busy (e.g. <c>GPU 0 busy (compute 87% &gt; 15%, VRAM 60%, processes: python3 (pid 4242))</c>).
/// </summary>
/// <param name="Index">GPU index on the node.</param>
/// <param name="UtilizationPercent">Compute busy percentage.</param>
/// <param name="MemoryUsedPercent">VRAM used percentage.</param>
/// <param name="Processes">The processes the probe saw on it (reported, never killed).</param>
/// <param name="Reason">One line for pages, logs and alerts.</param>
[GenerateSerializer, Immutable]
public sealed record BusyGpu(
    [property: Id(0)] int Index,
    [property: Id(1)] double UtilizationPercent,
    [property: Id(2)] double MemoryUsedPercent,
    [property: Id(3)] IReadOnlyList<string> Processes,
    [property: Id(4)] string Reason);
