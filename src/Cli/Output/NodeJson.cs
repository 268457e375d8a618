using SglangCi.Grains.Nodes;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Cli.Output;

/// <summary>The JSON shape of one node in <c>nodes --json</c>.</summary>
public sealed record NodeJson(
    string Name,
    string? Hardware,
    string? Host,
    int? Gpus,
    int? Free,
    string? Runtime,
    string? Silo,
    IReadOnlyList<LeaseJson> Leases,
    IReadOnlyList<string> Queue,
    string? WaitReason,
    bool Online = true,
    string? OfflineReason = null)
{
    /// <summary>An offline node keeps its name and says why; everything it would have to answer itself is null.</summary>
    public static NodeJson From(ListedNode node) => node.Status is { } status
        ? From(node.Name, status)
        : new NodeJson(node.Name, null, null, null, null, null, null, [], [], null, Online: false, node.OfflineReason);

    public static NodeJson From(string name, NodeStatus status) => new(
        name,
        status.Inventory?.Hardware,
        status.Inventory?.Host,
        status.Inventory?.GpuCount,
        status.Inventory is null ? null : status.FreeGpus,
        status.Inventory is null ? null : WireFormat.Lower(status.Inventory.Runtime),
        status.SiloName,
        status.ActiveLeases.Select(l => new LeaseJson(l.RunId, l.Gpus, WireFormat.Time(l.GrantedAt), WireFormat.Time(l.ExpiresAt))).ToList(),
        status.QueuedRuns,
        status.WaitReason);
}

public sealed record LeaseJson(string RunId, IReadOnlyList<int> Gpus, string? GrantedAt, string? ExpiresAt);
