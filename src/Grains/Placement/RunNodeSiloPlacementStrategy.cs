using Orleans.Runtime;

namespace SglangCi.Grains.Placement;

/// <summary>
/// Places a run grain (key: a run id from <c>RunIds.Create</c>, which ends in <c>-NODE-SUFFIX</c>) on the silo
/// of the run's node: the load generator must reach the engine the node started, which listens on that host.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class RunNodeSiloPlacementStrategy : PlacementStrategy
{
    internal static readonly RunNodeSiloPlacementStrategy Instance = new();
}
