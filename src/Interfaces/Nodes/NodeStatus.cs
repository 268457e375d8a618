namespace SglangCi.Interfaces.Nodes;

/// <summary>A node as the dashboard and CLI show it: inventory, who holds which GPUs, who waits.</summary>
/// <param name="BusyGpus">GPUs the last probe saw in use that no lease of ours holds, with why each counts as busy.</param>
/// <param name="WaitReason">Why the first run in line waits, while one does (null otherwise).</param>
[GenerateSerializer, Immutable]
public sealed record NodeStatus(
    [property: Id(0)] NodeInventory? Inventory,
    [property: Id(1)] IReadOnlyList<GpuLease> ActiveLeases,
    [property: Id(2)] IReadOnlyList<string> QueuedRuns,
    [property: Id(3)] GpuSnapshot? LastProbe,
    [property: Id(4)] string? SiloName,
    [property: Id(5)] IReadOnlyList<BusyGpu>? BusyGpus = null,
    [property: Id(6)] string? WaitReason = null)
{
    public int FreeGpus => (Inventory?.GpuCount ?? 0) - ActiveLeases.Sum(l => l.Gpus.Count);
}
