namespace SglangCi.Interfaces.Nodes;

/// <summary>
/// An engine server started by a node for a lease holder. Starting can take minutes on real hardware,
/// so the node returns at once and the holder polls until <see cref="Status"/> leaves <c>Starting</c>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EngineEndpoint(
    [property: Id(0)] string ServerId,
    [property: Id(1)] EngineServerStatus Status,
    [property: Id(2)] string? BaseUrl,
    [property: Id(3)] string? LogPath,
    [property: Id(4)] string? Error);

[GenerateSerializer]
public enum EngineServerStatus
{
    Starting = 0,
    Ready = 1,
    Failed = 2,
    Stopped = 3,
}
