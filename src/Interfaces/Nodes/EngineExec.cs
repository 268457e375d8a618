namespace SglangCi.Interfaces.Nodes;

/// <summary>
/// A command a node runs in an engine's environment for a lease holder (e.g. <c>python3 -m sglang.bench_one_batch</c>).
/// It can take many minutes, so the node returns at once and the holder polls until <see cref="Status"/> leaves
/// <c>Running</c>.
/// </summary>
/// <param name="Output">The command's output (stdout and stderr) once it has ended.</param>
/// <param name="Error">Why the command could not run or was stopped; null when it ran to an exit code.</param>
[GenerateSerializer, Immutable]
public sealed record EngineExec(
    [property: Id(0)] string ExecId,
    [property: Id(1)] EngineExecStatus Status,
    [property: Id(2)] int? ExitCode,
    [property: Id(3)] string? Output,
    [property: Id(4)] string? LogPath,
    [property: Id(5)] string? Error);

[GenerateSerializer]
public enum EngineExecStatus
{
    Running = 0,

    /// <summary>The command ran to an exit code (zero or not).</summary>
    Exited = 1,

    /// <summary>The command could not run, timed out, or is unknown to the node.</summary>
    Failed = 2,
}
