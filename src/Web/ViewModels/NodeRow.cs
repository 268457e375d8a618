using SglangCi.Grains.Nodes;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Web.ViewModels;

/// <summary>One GPU node as the nodes page lists it.</summary>
/// <param name="WaitReason">Why the run at the head of the queue waits (busy GPUs named with their load and processes); null when none waits.</param>
/// <param name="Offline">Why the node could not be asked (its silo is down); null when it answered.</param>
public sealed record NodeRow(
    string Name, string Hardware, string Host, int? Gpus, int? Free, IReadOnlyList<LeaseRow> Leases, IReadOnlyList<string> Queue, string? WaitReason,
    string? Offline = null)
{
    public static async Task<IReadOnlyList<NodeRow>> LoadAsync(IGrainFactory grains) =>
        [.. (await NodeListing.ListAsync(grains)).Select(From)];

    private static NodeRow From(ListedNode node) => node.Status is { } status
        ? From(node.Name, status)
        : new NodeRow(node.Name, Formats.None, Formats.None, null, null, [], [], null, node.OfflineReason);

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

