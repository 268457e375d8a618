using Microsoft.Extensions.Logging;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Silo.Runtimes.Processes;

/// <summary>
/// Eviction and clean-up of our own leftovers, found through <see cref="Records"/>: a recorded process is only ever
/// signalled while it is still the one recorded (same pid and start time), and never while the silo process that
/// recorded it still lives elsewhere; a record of a process that is gone is just deleted. The node grain asks for
/// eviction when its GPUs are in use with no lease of ours on them; <see cref="ProcessReconciler"/> cleans up at start-up.
/// </summary>
public sealed partial class ProcessRuntime
{
    /// <summary>This silo's process as the kernel knows it (the owner written into each record).</summary>
    private static readonly ProcessIdentity? Self = ProcessTree.Identify(Environment.ProcessId);

    /// <summary>Stops the node's recorded processes of ours whose run is not in <paramref name="liveRunIds"/>; returns one line for each.</summary>
    public async Task<IReadOnlyList<string>> EvictOrphansAsync(NodeInventory node, IReadOnlySet<string> liveRunIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(liveRunIds);
        var evicted = new List<string>();
        foreach (var (path, record) in Records.Read(node.Name))
        {
            // A record that cannot be read cannot be attributed to a run: start-up reconciliation deals with it.
            if (record is null || !string.Equals(record.Node, node.Name, StringComparison.Ordinal) || liveRunIds.Contains(record.RunId))
            {
                continue;
            }

            var outcome = await CleanUpAsync(path, record, stopOwnChildren: true, ct);
            if (outcome == RecordCleanUp.Stopped)
            {
                evicted.Add($"{record.Role} process {record.Pid} (run {record.RunId})");
                LogEvicted(_logger, node.Name, record.Role, record.Pid, record.RunId);
            }
            else if (outcome == RecordCleanUp.StillAlive)
            {
                LogNotStopped(_logger, node.Name, record.Role, record.Pid, record.RunId);
            }
        }

        return evicted;
    }

    /// <summary>
    /// Deals with one record: a child this runtime runs now is stopped through its handle when
    /// <paramref name="stopOwnChildren"/>, else left alone; a process that is gone (or whose pid now belongs to another
    /// process) only loses its record; one recorded by a silo process that still lives elsewhere is left alone; any
    /// other is stopped with its whole tree, then its record deleted.
    /// </summary>
    internal async Task<RecordCleanUp> CleanUpAsync(string path, ProcessRecord record, bool stopOwnChildren, CancellationToken ct)
    {
        var identity = new ProcessIdentity(record.Pid, record.StartTime);
        if (_recorded.TryGetValue(record.Pid, out var child) && child.Identity == identity)
        {
            if (!stopOwnChildren)
            {
                return RecordCleanUp.Running;
            }

            if (_running.Values.FirstOrDefault(s => s.Pid == record.Pid) is { } server)
            {
                await server.DisposeAsync();
            }
            else
            {
                await child.Process.StopAsync(_options.StopTimeout, ct);
                Forget(child.Process);
            }

            return RecordCleanUp.Stopped;
        }

        if (!ProcessTree.IsAlive(identity))
        {
            DeleteRecord(path, record.Pid);
            return RecordCleanUp.Gone;
        }

        var owner = new ProcessIdentity(record.OwnerPid, record.OwnerStartTime);
        if (owner != Self && ProcessTree.IsAlive(owner))
        {
            return RecordCleanUp.OwnedElsewhere;
        }

        if (!await ProcessTree.StopTreeAsync(identity, _options.StopTimeout, ct))
        {
            return RecordCleanUp.StillAlive;
        }

        DeleteRecord(path, record.Pid);
        return RecordCleanUp.Stopped;
    }

    /// <summary>Deletes a record file (one that cannot be read, or whose process is gone).</summary>
    internal void DeleteRecord(string path, int pid)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogRecordFailed(_logger, pid, Records.Root, e);
        }
    }

    /// <summary>A child this runtime started and recorded, with its handle.</summary>
    private sealed record RecordedChild(LocalProcess Process, ProcessIdentity Identity, ProcessRecord Record);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: evicted leftover {Role} process {Pid} of run {RunId}, which holds no lease here")]
    private static partial void LogEvicted(ILogger logger, string node, string role, int pid, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {Node}: leftover {Role} process {Pid} of run {RunId} could not be stopped")]
    private static partial void LogNotStopped(ILogger logger, string node, string role, int pid, string runId);
}

/// <summary>What <see cref="ProcessRuntime.CleanUpAsync"/> did with a record.</summary>
internal enum RecordCleanUp
{
    /// <summary>The process (and its tree) was stopped and the record deleted.</summary>
    Stopped,

    /// <summary>The process was already gone, or its pid is another process's now: only the record was deleted.</summary>
    Gone,

    /// <summary>A child this runtime runs now: left alone.</summary>
    Running,

    /// <summary>Recorded by a silo process that still lives (not this one): left alone.</summary>
    OwnedElsewhere,

    /// <summary>Signalled but still alive after the kill: the record is kept for the next try.</summary>
    StillAlive,
}
