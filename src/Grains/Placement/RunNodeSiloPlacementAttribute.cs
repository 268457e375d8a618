using Orleans.Placement;

namespace SglangCi.Grains.Placement;

/// <summary>Marks a grain keyed by a run id: it activates on the silo of the node named in the id.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RunNodeSiloPlacementAttribute() : PlacementAttribute(RunNodeSiloPlacementStrategy.Instance);
