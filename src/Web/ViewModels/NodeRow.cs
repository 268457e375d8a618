using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Web.ViewModels;

/// <summary>One GPU node as the nodes page lists it.</summary>
/// <param name="WaitReason">Why the run at the head of the queue waits (busy GPUs named with their load and processes); null when none waits.</param>
public sealed record NodeRow(
    string Name, string Hardware, string Host, int? Gpus, int? Free, IReadOnlyList<LeaseRow> Leases, IReadOnlyList<string> Queue, string? WaitReason)
{
    public static async Task<IReadOnlyList<NodeRow>> LoadAsync(IGrainFactory grains)
    {
        var names = await grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key).List(CatalogKind.Node);
        var rows = await Task.WhenAll(names.Order(StringComparer.Ordinal).Select(async name =>
            From(name, await grains.GetGrain<IGpuNodeGrain>(name).GetStatus())));
        return rows;
    }

    private static NodeRow From(string name, NodeStatus status) => new(
        name,
        status.Inventory?.Hardware ?? Formats.None,
        status.Inventory?.Host ?? Formats.None,
        status.Inventory?.GpuCount,
        status.Inventory is null ? null : status.FreeGpus,
        status.ActiveLeases.Select(l => new LeaseRow(l.RunId, string.Join(',', l.Gpus))).ToList(),
        status.QueuedRuns,
        status.WaitReason);
}

