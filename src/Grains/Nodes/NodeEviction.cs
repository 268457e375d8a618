using Microsoft.Extensions.Logging;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Grains.Nodes;

/// <summary>
/// Removal of our own leftovers (engines of runs that hold no lease here any more, e.g. after a crash) when a probe
/// shows GPUs in use that no lease of ours holds. Like <see cref="NodeProbe"/> it runs off the grain's turn (a runtime
/// call can be slow) and is throttled; the grain takes the outcome on a later turn. Only the runtime's own
/// <see cref="IEngineRuntime.EvictOrphansAsync"/> decides what is ours; other people's work is never touched.
/// </summary>
internal sealed partial class NodeEviction(string nodeName, IEngineRuntimeResolver runtimes, GpuNodeOptions options, TimeProvider time, ILogger logger)
{
    private Task<IReadOnlyList<string>>? _inflight;
    private IReadOnlyList<int> _inflightGpus = [];
    private DateTimeOffset? _lastAttemptAt;

    /// <summary>What a finished eviction removed (never empty) and the busy GPUs that prompted it.</summary>
    public sealed record Outcome(IReadOnlyList<int> Gpus, IReadOnlyList<string> Evicted);

    /// <summary>
    /// Starts an eviction for runs not in <paramref name="liveRunIds"/> unless one is running, the last started less than
    /// <see cref="GpuNodeOptions.EvictionInterval"/> ago, or eviction is switched off.
    /// </summary>
    public void Start(NodeInventory inventory, IReadOnlySet<string> liveRunIds, IReadOnlyList<int> busyGpus)
    {
        var now = time.GetUtcNow();
        if (!options.EvictOrphans || _inflight is not null || (_lastAttemptAt is { } last && now - last < options.EvictionInterval))
        {
            return;
        }

        _lastAttemptAt = now;
        IEngineRuntime runtime;
        try
        {
            runtime = runtimes.Resolve(inventory.Runtime);
        }
        catch (InvalidOperationException e)
        {
            LogEvictionFailed(logger, nodeName, e.Message, e);
            return;
        }

        var live = liveRunIds.ToHashSet(StringComparer.Ordinal);
        var timeout = options.EvictionTimeout;
        _inflightGpus = busyGpus;
        _inflight = Task.Run(
            async () =>
            {
                using var cancellation = new CancellationTokenSource(timeout);
                return await runtime.EvictOrphansAsync(inventory, live, cancellation.Token).WaitAsync(timeout, time);
            },
            CancellationToken.None);
    }

    /// <summary>Takes a finished eviction (on the grain's turn): what it removed, or null when nothing was removed or none finished.</summary>
    public Outcome? Collect()
    {
        if (_inflight is not { IsCompleted: true } done)
        {
            return null;
        }

        _inflight = null;
        if (!done.IsCompletedSuccessfully)
        {
            var error = done.Exception?.GetBaseException();
            LogEvictionFailed(logger, nodeName, error?.Message ?? $"no answer within {options.EvictionTimeout.TotalSeconds:0.#} s", error);
            return null;
        }

        return done.Result.Count == 0 ? null : new Outcome(_inflightGpus, done.Result);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: eviction of leftover engines of ours failed: {Error}")]
    private static partial void LogEvictionFailed(ILogger logger, string node, string error, Exception? exception);
}
