using Orleans.Placement;

namespace SglangCi.Grains.Placement;

/// <summary>Marks a grain whose key is a node name: it activates on that node's silo.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class NodeSiloPlacementAttribute() : PlacementAttribute(NodeSiloPlacementStrategy.Instance);
