using SglangCi.Interfaces.Nodes;

namespace SglangCi.Silo.Hosting;

/// <summary>
/// The <c>SglangCi:Node</c> section: what the GPU host a cluster-mode silo runs on is. The silo registers its node
/// (named <see cref="ClusterSettings.NodeName"/>) with these facts on every start, so a host's description lives in the
/// host's own configuration, next to the hardware it describes.
/// </summary>
public sealed class NodeSettings
{
    /// <summary>Hardware kind (<c>mi30x</c>, <c>mi35x</c>, <c>sim</c> …); required in cluster mode.</summary>
    public string? Hardware { get; set; }

    /// <summary>The host name series are keyed by; default: this machine's name.</summary>
    public string? Host { get; set; }

    public int GpuCount { get; set; } = 8;

    /// <summary>Which runtime drives the node's engines; a GPU host runs them in Docker.</summary>
    public EngineRuntimeKind Runtime { get; set; } = EngineRuntimeKind.Docker;

    /// <summary>
    /// Simulation only: serve this many nodes <c>NAME.0</c> … <c>NAME.N-1</c> (each with <see cref="GpuCount"/> GPUs)
    /// instead of one node <c>NAME</c>, so a few silo processes can stand for many hosts in a load test. Real runtimes
    /// refuse it: partitions of one host would lease the same GPU indices.
    /// </summary>
    public int Partitions { get; set; } = 1;

    /// <summary>The inventories of the nodes this silo serves (one, or its partitions), or why the settings cannot make them.</summary>
    public IReadOnlyList<NodeInventory> ToInventories(string nodeName)
    {
        var node = ToInventory(nodeName);
        if (Partitions == 1)
        {
            return [node];
        }

        if (Partitions < 1 || Runtime != EngineRuntimeKind.Simulated)
        {
            throw new SiloSettingsException(
                $"SglangCi:Node:Partitions is {Partitions}: partitions (--partitions N, N > 1) are for the simulated runtime only, and N must be at least 1.");
        }

        return [.. Enumerable.Range(0, Partitions).Select(i => node with { Name = Grains.Placement.NodeNames.Partition(nodeName, i) })];
    }

    /// <summary>The inventory the node grain is configured with, or why these settings cannot make one.</summary>
    public NodeInventory ToInventory(string nodeName)
    {
        if (string.IsNullOrWhiteSpace(Hardware))
        {
            throw new SiloSettingsException(
                $"SglangCi:Node:Hardware is not set: say what node '{nodeName}' is (--hardware mi35x, or SglangCi__Node__Hardware).");
        }

        if (GpuCount < 1)
        {
            throw new SiloSettingsException($"SglangCi:Node:GpuCount is {GpuCount}: node '{nodeName}' needs at least one GPU (--gpus N).");
        }

        return new NodeInventory(nodeName, Hardware.Trim(), string.IsNullOrWhiteSpace(Host) ? Environment.MachineName : Host.Trim(), GpuCount, Runtime);
    }
}
