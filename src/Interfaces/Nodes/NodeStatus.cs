namespace SglangCi.Interfaces.Nodes;

/// <summary>A node as the dashboard and CLI show it: inventory, who holds which GPUs, who waits.</summary>
[GenerateSerializer, Immutable]
public sealed record NodeStatus(
    [property: Id(0)] NodeInventory? Inventory,
    [property: Id(1)] IReadOnlyList<GpuLease> ActiveLeases,
    [property: Id(2)] IReadOnlyList<string> QueuedRuns,
    [property: Id(3)] GpuSnapshot? LastProbe,
    [property: Id(4)] string? SiloName)
{
    public int FreeGpus => (Inventory?.GpuCount ?? 0) - ActiveLeases.Sum(l => l.Gpus.Count);
}
