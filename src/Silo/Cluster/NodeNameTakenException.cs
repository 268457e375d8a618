namespace SglangCi.Silo.Cluster;

/// <summary>A second silo tried to serve a node that a live silo already serves: the start is refused.</summary>
public sealed class NodeNameTakenException(string nodeName, string? holder)
    : Exception($"node name '{nodeName}' is already claimed by a running silo{(holder is null ? "" : $" ({holder})")}: " +
        "two silos cannot serve one GPU node. Stop that silo first, or start this one with another --node.")
{
    public string NodeName { get; } = nodeName;
}
