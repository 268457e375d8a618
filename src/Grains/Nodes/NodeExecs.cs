using Microsoft.Extensions.Logging;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Grains.Nodes;

/// <summary>
/// The commands this node activation runs in engine environments (bench_one_batch and the like), by exec id. Like
/// <see cref="NodeEngines"/>: each runs as a plain task off the grain's turn and callers poll <see cref="Get"/>.
/// In memory only; a command ends with its lease or its timeout.
/// </summary>
internal sealed partial class NodeExecs(string nodeName, string logDirectory, ILogger logger)
{
    private readonly Dictionary<string, ExecHandle> _execs = new(StringComparer.Ordinal);

    public EngineExec Start(IEngineRuntime runtime, NodeInventory inventory, GpuLease lease, EngineLaunch launch, IReadOnlyList<string> command, TimeSpan timeout)
    {
        // Checked first: a subset outside the lease is refused before anything starts.
        var gpus = launch.GpusWithin(lease);
        var execId = $"{launch.RunId}-exec-{Guid.NewGuid().ToString("N")[..8]}";
        var logPath = Path.Combine(logDirectory, $"{execId}.log");
        var cancellation = new CancellationTokenSource();
        if (timeout > TimeSpan.Zero)
        {
            cancellation.CancelAfter(timeout);
        }

        var args = command.ToArray();
        var run = Task.Run(() => runtime.ExecAsync(inventory, launch, gpus, args, logPath, cancellation.Token), CancellationToken.None);
        _execs[execId] = new ExecHandle(lease.LeaseId, logPath, run, cancellation);
        LogExecStarting(logger, nodeName, execId, launch.RunId);
        return new EngineExec(execId, EngineExecStatus.Running, null, null, logPath, null);
    }

    public EngineExec Get(string execId)
    {
        if (!_execs.TryGetValue(execId, out var handle))
        {
            return new EngineExec(execId, EngineExecStatus.Failed, null, null, null, $"command '{execId}' is not known on node '{nodeName}' (its lease ended or the node restarted)");
        }

        var run = handle.Run;
        return run.Status switch
        {
            TaskStatus.RanToCompletion => new EngineExec(execId, EngineExecStatus.Exited, run.Result.ExitCode, run.Result.Output, handle.LogPath, null),
            TaskStatus.Faulted when run.Exception!.GetBaseException() is not OperationCanceledException =>
                new EngineExec(execId, EngineExecStatus.Failed, null, null, handle.LogPath, run.Exception.GetBaseException().Message),
            TaskStatus.Faulted or TaskStatus.Canceled =>
                new EngineExec(execId, EngineExecStatus.Failed, null, null, handle.LogPath, "command stopped: timed out or its lease ended"),
            _ => new EngineExec(execId, EngineExecStatus.Running, null, null, handle.LogPath, null),
        };
    }

    /// <summary>A lease that ends takes its commands with it.</summary>
    public void StopForLease(Guid leaseId)
    {
        foreach (var (execId, handle) in _execs.Where(e => e.Value.LeaseId == leaseId).ToArray())
        {
            _execs.Remove(execId);
            Cancel(handle);
        }
    }

    public void StopAll()
    {
        foreach (var handle in _execs.Values)
        {
            Cancel(handle);
        }

        _execs.Clear();
    }

    private static void Cancel(ExecHandle handle)
    {
        handle.Cancellation.Cancel();
        _ = handle.Run.ContinueWith(_ => handle.Cancellation.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: running command {ExecId} for run {RunId}")]
    private static partial void LogExecStarting(ILogger logger, string node, string execId, string runId);

    private sealed record ExecHandle(Guid LeaseId, string LogPath, Task<EngineCommandResult> Run, CancellationTokenSource Cancellation);
}
