namespace SglangCi.Silo.Placement;

/// <summary>How this silo takes part in node placement.</summary>
public sealed class NodeSiloPlacementOptions
{
    /// <summary>
    /// This silo hosts nodes that no silo is named after (embedded mode: the simulated node, nodes a user
    /// adds by hand). A node whose silo exists but is down is never moved here: its engines belong to its host.
    /// </summary>
    public bool HostUnassignedNodes { get; set; }

    /// <summary>
    /// Name of the silo that hosts unassigned nodes, for silos that do not host them themselves (a cluster
    /// where one silo, say the dashboard's, hosts simulated nodes beside silos named after GPU hosts). Placement
    /// is decided on whichever silo first sees a call, so every silo must agree where unassigned nodes go.
    /// </summary>
    public string? UnassignedNodesSilo { get; set; }
}
