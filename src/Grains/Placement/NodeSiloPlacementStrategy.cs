using Orleans.Runtime;

namespace SglangCi.Grains.Placement;

/// <summary>
/// Places a grain keyed by a node name on the silo of the same name (the silo running on that GPU host).
/// The director lives in the Silo (<c>AddNodeSiloPlacement</c>); every silo must register it.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class NodeSiloPlacementStrategy : PlacementStrategy
{
    internal static readonly NodeSiloPlacementStrategy Instance = new();
}
