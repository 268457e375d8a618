using Microsoft.Extensions.DependencyInjection;
using SglangCi.Grains.Placement;

namespace SglangCi.Silo.Placement;

public static class NodeSiloPlacementExtensions
{
    /// <summary>
    /// Registers the node placement director (node and run grains go to the silo named after their node).
    /// Every silo of the cluster must call this; <see cref="NodeSiloPlacementOptions.HostUnassignedNodes"/>
    /// is per silo.
    /// </summary>
    public static ISiloBuilder AddNodeSiloPlacement(this ISiloBuilder builder, Action<NodeSiloPlacementOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<NodeSiloPlacementOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.AddPlacementDirector<NodeSiloPlacementStrategy, NodeSiloPlacementDirector>();
        builder.AddPlacementDirector<RunNodeSiloPlacementStrategy, NodeSiloPlacementDirector>();
        return builder;
    }
}
