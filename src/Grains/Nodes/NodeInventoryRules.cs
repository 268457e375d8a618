using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Grains.Nodes;

/// <summary>Rejects an inventory a node cannot take, naming the node, before anything is stored.</summary>
public static class NodeInventoryRules
{
    /// <param name="nodeName">The node's key.</param>
    /// <param name="inventory">The new inventory.</param>
    /// <param name="minimumGpuCount">GPUs its active leases need (highest leased index + 1): shrinking below would orphan them.</param>
    /// <param name="runtimes">This silo's runtimes: a node whose runtime kind the silo cannot drive is refused.</param>
    public static void Validate(string nodeName, NodeInventory inventory, int minimumGpuCount, IEngineRuntimeResolver runtimes)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (inventory.Name != nodeName)
        {
            throw new ArgumentException($"node '{nodeName}': inventory Name '{inventory.Name}' does not match the node key");
        }

        if (inventory.GpuCount < 1)
        {
            throw new ArgumentException($"node '{nodeName}': GpuCount must be at least 1 (got {inventory.GpuCount})");
        }

        if (inventory.GpuCount < minimumGpuCount)
        {
            throw new ArgumentException(
                $"node '{nodeName}': GpuCount {inventory.GpuCount} is below the {minimumGpuCount} GPU(s) its active leases use; wait for them to end");
        }

        if (string.IsNullOrWhiteSpace(inventory.Hardware) || string.IsNullOrWhiteSpace(inventory.Host))
        {
            throw new ArgumentException($"node '{nodeName}': Hardware and Host are required");
        }

        try
        {
            _ = runtimes.Resolve(inventory.Runtime);
        }
        catch (InvalidOperationException e)
        {
            // An ArgumentException: the input is wrong for this silo (the CLI maps it to exit code 2).
            throw new ArgumentException($"node '{nodeName}': {e.Message}", e);
        }
    }

    /// <summary>Why a lease request can never be granted on this node (null when it can wait its turn).</summary>
    public static string? Refusal(string nodeName, NodeInventory? inventory, LeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (inventory is null)
        {
            return $"node '{nodeName}' is not configured";
        }

        if (request.GpuCount < 1 || request.GpuCount > inventory.GpuCount)
        {
            return $"node '{nodeName}' has {inventory.GpuCount} GPU(s); run '{request.RunId}' asked for {request.GpuCount}";
        }

        return request.TimeToLive <= TimeSpan.Zero ? $"lease time-to-live must be positive (got {request.TimeToLive})" : null;
    }
}
