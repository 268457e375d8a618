namespace SglangCi.Interfaces.Runs;

/// <summary>One log of a run: <c>run</c> (what the CI did), <c>server</c> (the engine's output), <c>commands/…</c> (one per command run in the engine's environment).</summary>
/// <param name="Name">The log's name within the run, used to read it (<see cref="IRunGrain.ReadLog"/>).</param>
/// <param name="Title">How the dashboard labels it.</param>
/// <param name="Length">Its size in bytes right now.</param>
/// <param name="LastWrite">When it was last written.</param>
[GenerateSerializer, Immutable]
public sealed record RunLogInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string Title,
    [property: Id(2)] long Length,
    [property: Id(3)] DateTimeOffset LastWrite);
