using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;
using SglangCi.Grains.Placement;

namespace SglangCi.Silo.Placement;

/// <summary>
/// Puts node grains (key = node name) and run grains (key = run id naming the node) on the silo whose
/// <c>SiloName</c> is the node's name, or the host part of a partition's name (<see cref="NodeNames.ServedBy"/>):
/// engines, GPUs and the engine's loopback URL are only there.
/// A node no silo was ever named after goes to this silo when it hosts unassigned nodes; a node whose
/// silo is known but not active is refused (its engines and GPUs are on that host, nowhere else).
/// </summary>
internal sealed class NodeSiloPlacementDirector(
    IClusterMembershipService membership,
    IOptions<NodeSiloPlacementOptions> options) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString() ?? "";
        var isRun = strategy is RunNodeSiloPlacementStrategy;
        var compatible = context.GetCompatibleSilos(target).ToHashSet();
        var members = membership.CurrentSnapshot.Members.Values;

        // Every member ever seen under the node's name (dead ones included) says the node has a home.
        var named = members
            .Where(m => !string.IsNullOrEmpty(m.Name) && (isRun ? NodeNames.RunIdNamesNode(key, m.Name) : NodeNames.ServedBy(key, m.Name)))
            .ToArray();
        if (named.Length > 0)
        {
            // A run id could name two silos ("a-b" ends with "b"): the longest name is the node.
            var longest = named.Max(m => m.Name.Length);
            var home = named
                .Where(m => m.Name.Length == longest && m.Status == SiloStatus.Active && compatible.Contains(m.SiloAddress))
                .OrderByDescending(m => m.SiloAddress.Generation)
                .FirstOrDefault();
            if (home is not null)
            {
                return Task.FromResult(home.SiloAddress);
            }

            var node = named.First(m => m.Name.Length == longest).Name;
            throw new NodeSiloUnavailableException(node, $"no silo serves node '{node}' right now: its silo is not active (grain {target.GrainIdentity})");
        }

        if (options.Value.HostUnassignedNodes && compatible.Contains(context.LocalSilo))
        {
            return Task.FromResult(context.LocalSilo);
        }

        if (options.Value.UnassignedNodesSilo is { Length: > 0 } hostName)
        {
            var host = members
                .Where(m => m.Name == hostName && m.Status == SiloStatus.Active && compatible.Contains(m.SiloAddress))
                .OrderByDescending(m => m.SiloAddress.Generation)
                .FirstOrDefault();
            if (host is not null)
            {
                return Task.FromResult(host.SiloAddress);
            }

            if (!isRun)
            {
                throw new NodeSiloUnavailableException(key, $"no silo serves node '{key}': silo '{hostName}', which hosts unassigned nodes, is not active");
            }
        }

        if (isRun && compatible.Count > 0)
        {
            // A run id that names no silo (a hand-made id, or a node hosted as unassigned elsewhere): any silo
            // can drive it; prefer this one.
            return Task.FromResult(compatible.Contains(context.LocalSilo) ? context.LocalSilo : compatible.First());
        }

        throw new NodeSiloUnavailableException(key,
            $"no silo serves node '{key}': no silo is named after it, this silo ({context.LocalSilo}) does not host unassigned nodes and no UnassignedNodesSilo is configured");
    }
}
