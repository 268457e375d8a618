namespace SglangCi.Grains.Placement;

/// <summary>
/// A node's grain (or a run on it) cannot be placed: no active silo serves the node. On a cluster this is the normal
/// sign of a host that is down, which callers treat as "offline" rather than as an error of their own.
/// </summary>
[GenerateSerializer]
public sealed class NodeSiloUnavailableException : OrleansException
{
    public NodeSiloUnavailableException(string nodeName, string message)
        : base(message)
    {
        NodeName = nodeName;
    }

    [Id(0)]
    public string NodeName { get; }
}
