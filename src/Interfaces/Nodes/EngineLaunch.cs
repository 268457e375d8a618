namespace SglangCi.Interfaces.Nodes;

/// <summary>Everything needed to start one engine server: image, command line and environment.</summary>
[GenerateSerializer, Immutable]
public sealed record EngineLaunch(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Image,
    [property: Id(2)] string ModelPath,
    [property: Id(3)] IReadOnlyList<string> ServerArgs,
    [property: Id(4)] IReadOnlyDictionary<string, string> Environment,
    [property: Id(5)] TimeSpan StartupTimeout);
