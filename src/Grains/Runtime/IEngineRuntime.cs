using SglangCi.Interfaces.Nodes;

namespace SglangCi.Grains.Runtime;

/// <summary>
/// How a node starts engine servers and looks at its GPUs: Docker, a local process, or the simulator.
/// Implementations live in the Silo (they know Docker.DotNet, processes, Kestrel); grains only see this.
/// </summary>
public interface IEngineRuntime
{
    EngineRuntimeKind Kind { get; }

    /// <summary>Reads the node's GPUs (utilisation, memory, foreign processes).</summary>
    Task<GpuSnapshot> ProbeGpusAsync(NodeInventory node, CancellationToken cancellationToken);

    /// <summary>Starts a server on the given GPUs and returns once it answers as ready; throws <see cref="EngineStartException"/> if it cannot.</summary>
    Task<IEngineServer> StartAsync(NodeInventory node, EngineLaunch launch, IReadOnlyList<int> gpus, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="command"/> in the engine's environment (the launch's image and environment, the given GPUs)
    /// without a server, streaming its output into <paramref name="logPath"/>, and returns its exit code and output.
    /// A command the runtime cannot start at all throws <see cref="EngineStartException"/>.
    /// </summary>
    Task<EngineCommandResult> ExecAsync(
        NodeInventory node, EngineLaunch launch, IReadOnlyList<int> gpus, IReadOnlyList<string> command, string logPath, CancellationToken ct);

    /// <summary>
    /// Removes what this runtime started on <paramref name="node"/> for runs not in <paramref name="liveRunIds"/>
    /// (leftovers of dead runs that keep GPUs busy), and nothing else: never work that is not ours. Returns one line
    /// per thing removed. The default removes nothing (a runtime whose leftovers cannot outlive it).
    /// </summary>
    Task<IReadOnlyList<string>> EvictOrphansAsync(NodeInventory node, IReadOnlySet<string> liveRunIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}

/// <summary>How a command run by <see cref="IEngineRuntime.ExecAsync"/> ended: its exit code and its whole output (stdout and stderr).</summary>
public sealed record EngineCommandResult(int ExitCode, string Output);

/// <summary>A started engine server. Disposing stops it.</summary>
public interface IEngineServer : IAsyncDisposable
{
    string ServerId { get; }

    Uri BaseUrl { get; }

    string? LogPath { get; }

    Task StopAsync(CancellationToken cancellationToken);
}

/// <summary>The engine did not come up: it exited, timed out, or could not be created. The message says which.</summary>
public sealed class EngineStartException(string message, Exception? inner = null) : Exception(message, inner);
