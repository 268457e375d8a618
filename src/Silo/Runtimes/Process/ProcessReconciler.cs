using Microsoft.Extensions.Logging;

namespace SglangCi.Silo.Runtimes.Processes;

/// <summary>What a reconciliation did: the processes it stopped, the records it only deleted, the records it left.</summary>
public sealed record ProcessReconciliation(IReadOnlyList<ProcessRecord> Stopped, int Forgotten, IReadOnlyList<ProcessRecord> Left)
{
    public static readonly ProcessReconciliation None = new([], 0, []);

    public ProcessReconciliation Add(ProcessReconciliation other) =>
        new([.. Stopped, .. other.Stopped], Forgotten + other.Forgotten, [.. Left, .. other.Left]);
}

/// <summary>
/// At silo start-up, stops what a crashed silo (one killed with SIGKILL has no chance to) left running: every process
/// in <see cref="ProcessRuntime.Records"/> that is still the one recorded (same pid and start time, so a reused pid is
/// never killed) is stopped with its whole tree (SIGTERM, then SIGKILL after <see cref="EngineServerOptions.StopTimeout"/>)
/// and its record deleted; records of processes that are gone, and files that are not records, are deleted. Children the
/// runtime runs now, and processes whose recording silo process still lives, are left alone.
/// </summary>
public sealed partial class ProcessReconciler(ProcessRuntime runtime, ILogger<ProcessReconciler> logger)
{
    /// <summary>Reconciles the records of <paramref name="node"/>.</summary>
    public Task<ProcessReconciliation> ReconcileAsync(string node, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        return ReconcileFolderAsync(Path.GetFileName(runtime.Records.NodeDirectory(node)), ct);
    }

    /// <summary>Reconciles the records of every node this host's runtime has recorded processes for.</summary>
    public async Task<ProcessReconciliation> ReconcileAllAsync(CancellationToken ct)
    {
        var result = ProcessReconciliation.None;
        foreach (var folder in runtime.Records.NodeFolders())
        {
            result = result.Add(await ReconcileFolderAsync(folder, ct));
        }

        return result;
    }

    private async Task<ProcessReconciliation> ReconcileFolderAsync(string folder, CancellationToken ct)
    {
        var entries = runtime.Records.ReadFolder(folder);
        var forgotten = 0;
        var work = new List<Task<(ProcessRecord Record, RecordCleanUp Outcome)>>();
        foreach (var (path, record) in entries)
        {
            if (record is null)
            {
                runtime.DeleteRecord(path, 0);
                LogUnreadable(logger, path);
                forgotten++;
                continue;
            }

            // In parallel: each tree may take its whole grace.
            work.Add(CleanUpAsync(path, record, ct));
        }

        var stopped = new List<ProcessRecord>();
        var left = new List<ProcessRecord>();
        foreach (var (record, outcome) in await Task.WhenAll(work))
        {
            switch (outcome)
            {
                case RecordCleanUp.Stopped:
                    stopped.Add(record);
                    LogStopped(logger, record.Node, record.Role, record.Pid, record.RunId, string.Join(' ', record.Command));
                    break;
                case RecordCleanUp.Gone:
                    forgotten++;
                    LogForgotten(logger, record.Node, record.Role, record.Pid, record.RunId);
                    break;
                case RecordCleanUp.StillAlive:
                    left.Add(record);
                    LogNotStopped(logger, record.Node, record.Role, record.Pid, record.RunId);
                    break;
                default:
                    left.Add(record);
                    LogLeft(logger, record.Node, record.Role, record.Pid, record.RunId, outcome.ToString());
                    break;
            }
        }

        return new ProcessReconciliation(stopped, forgotten, left);
    }

    private async Task<(ProcessRecord, RecordCleanUp)> CleanUpAsync(string path, ProcessRecord record, CancellationToken ct) =>
        (record, await runtime.CleanUpAsync(path, record, stopOwnChildren: false, ct));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: stopped leftover {Role} process {Pid} of run {RunId} and its process tree ({Command})")]
    private static partial void LogStopped(ILogger logger, string node, string role, int pid, string runId, string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: {Role} process {Pid} of run {RunId} is gone (or its pid is another process's now); deleted its record")]
    private static partial void LogForgotten(ILogger logger, string node, string role, int pid, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {Node}: leftover {Role} process {Pid} of run {RunId} could not be stopped; its record is kept")]
    private static partial void LogNotStopped(ILogger logger, string node, string role, int pid, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: {Role} process {Pid} of run {RunId} left alone ({Reason})")]
    private static partial void LogLeft(ILogger logger, string node, string role, int pid, string runId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleted {Path}: not a readable process record")]
    private static partial void LogUnreadable(ILogger logger, string path);
}
