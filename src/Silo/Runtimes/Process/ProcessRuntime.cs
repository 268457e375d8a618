using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using SglangCi.Grains.Runs;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Silo.Runtimes.Processes;

/// <summary>
/// The runtime of bare-metal nodes: each engine server is a child process of the silo running the launch's command line
/// (<see cref="DockerServerCommand"/> with the configured Python), in the configured working directory, with the silo's
/// environment plus the node's and the launch's entries and the lease's GPUs as <c>HIP_VISIBLE_DEVICES</c> /
/// <c>CUDA_VISIBLE_DEVICES</c>. Its output is the run's <c>server.log</c>; readiness is the Docker runtime's (health path
/// or ready line, early failure with the log tail when the process exits, a timeout). Commands (<c>bench_one_batch</c>)
/// are child processes too, their leading <c>python3</c> replaced by the configured Python. Every process tree is stopped
/// with SIGTERM, then killed, when it is done, when its start fails, when the runtime is disposed or the host stops, and
/// killed at once when the silo's process exits. The GPU probe is the Docker runtime's host probe.
/// </summary>
public sealed partial class ProcessRuntime : IEngineRuntime, IAsyncDisposable
{
    /// <summary>Output kept in memory for a command's result (the log file has all of it).</summary>
    private const int CommandOutputLimit = 16 * 1024 * 1024;

    private readonly ProcessRuntimeOptions _options;
    private readonly RunLogFiles? _logs;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EngineServerStartup _startup;
    private readonly HostGpuProbe _probe;
    private readonly ConcurrentDictionary<string, ProcessEngineServer> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<LocalProcess, byte> _commands = new();
    private readonly ConcurrentDictionary<int, RecordedChild> _recorded = new();
    private int _disposed;

    /// <param name="logs">Where runs keep their logs (a server's log is its run's <c>server.log</c>); without, server logs go under the temp folder.</param>
    public ProcessRuntime(ProcessRuntimeOptions options, TimeProvider time, ILogger<ProcessRuntime> logger, RunLogFiles? logs = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
        _logs = logs;
        _startup = new EngineServerStartup(options, time);
        _probe = new HostGpuProbe(options.GpuProbe, time);
        Records = new ProcessRecords(options.EffectiveStateDirectory);
        AppDomain.CurrentDomain.ProcessExit += KillAllOnExit;
    }

    public EngineRuntimeKind Kind => EngineRuntimeKind.Process;

    /// <summary>Where this runtime records the processes it starts (<see cref="ProcessRuntimeOptions.StateDirectory"/>).</summary>
    public ProcessRecords Records { get; }

    /// <summary>Server processes this runtime started that are still running.</summary>
    public int RunningEngines => _running.Count;

    public Task<GpuSnapshot> ProbeGpusAsync(NodeInventory node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _probe.ProbeAsync(node, GpuVendors.For(node.Hardware, _options.GpuVendor), cancellationToken);
    }

    public Task<IEngineServer> StartAsync(NodeInventory node, EngineLaunch launch, IReadOnlyList<int> gpus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(gpus);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var logPath = _logs?.ServerLog(launch.RunId) ?? Path.Combine(Path.GetTempPath(), "sglang-ci", "process", $"{launch.RunId}-server.log");
        var output = new ContainerOutput(logPath, _options.LogTailLines, _options.ReadyLogLine);
        var serverId = DockerContainerNames.For(node.Name, launch.RunId, "server");
        return _startup.StartAsync(
            launch,
            output,
            "process",
            port => StartServerProcessAsync(node, launch, gpus, serverId, port, output),
            process => new StartingProcess(serverId, process),
            (process, baseUrl, releasePort) =>
            {
                var server = new ProcessEngineServer(serverId, process, output, baseUrl, _options.StopTimeout, s =>
                {
                    Forget(process);
                    _running.TryRemove(s.ServerId, out _);
                    releasePort();
                    return Task.CompletedTask;
                });
                _running[server.ServerId] = server;
                return server;
            },
            process => StopQuietlyAsync(process, output),
            cancellationToken);
    }

    /// <summary>Starts the server's process and records it; a process that started but could not be recorded is stopped again.</summary>
    private async Task<LocalProcess> StartServerProcessAsync(
        NodeInventory node, EngineLaunch launch, IReadOnlyList<int> gpus, string serverId, int port, ContainerOutput output)
    {
        var command = DockerServerCommand.Build(_options, launch, port);
        await output.NoteAsync(
            $"starting server process {serverId} on node {node.Name}, GPUs [{string.Join(',', gpus)}]" +
            $"{(_options.WorkingDirectory is null ? "" : $" in {_options.WorkingDirectory}")}: {string.Join(' ', command)}");
        LogStarting(_logger, node.Name, serverId, launch.RunId, command[0]);
        var process = LocalProcess.Start(command, EnvironmentFor(node, launch, gpus), _options.WorkingDirectory, output);
        try
        {
            Record(process, node.Name, launch.RunId, ProcessRecord.ServerRole, command);
            await output.NoteAsync($"server process {serverId} has pid {process.Pid}");
            return process;
        }
        catch
        {
            await StopQuietlyAsync(process, output);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="command"/> as a child process in the engine's environment (a leading <c>python3</c> or
    /// <c>python</c> becomes the configured Python), its output streamed into <paramref name="logPath"/>; cancelling stops
    /// its whole process tree. Whatever it leaves running when it exits is stopped too.
    /// </summary>
    public async Task<EngineCommandResult> ExecAsync(
        NodeInventory node, EngineLaunch launch, IReadOnlyList<int> gpus, IReadOnlyList<string> command, string logPath, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentException.ThrowIfNullOrWhiteSpace(logPath);
        if (command.Count == 0)
        {
            throw new ArgumentException("the command is empty", nameof(command));
        }

        if (launch.CommitAs is { Count: > 0 } tags)
        {
            throw new EngineStartException($"node {node.Name} runs on bare metal, which cannot keep images: it cannot make {string.Join(", ", tags)} (run it on a Docker node)");
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        IReadOnlyList<string> effective = command[0] is "python3" or "python" ? [_options.Python, .. command.Skip(1)] : command;
        var output = new ContainerOutput(logPath, _options.LogTailLines, keepChars: CommandOutputLimit);
        LocalProcess? process = null;
        try
        {
            LogExec(_logger, node.Name, launch.RunId, effective[0]);
            process = LocalProcess.Start(effective, EnvironmentFor(node, launch, gpus ?? []), _options.WorkingDirectory, output);
            _commands[process] = 0;
            Record(process, node.Name, launch.RunId, ProcessRecord.CommandRole, effective);
            await process.WaitForExitAsync(ct);
            return new EngineCommandResult(process.ExitCode, output.Text);
        }
        finally
        {
            if (process is not null)
            {
                _commands.TryRemove(process, out _);
                await StopQuietlyAsync(process, null);
            }

            await output.DisposeAsync();
        }
    }

    /// <summary>The child's environment: the silo's, the node's entries, the launch's (they win), then the lease's GPUs.</summary>
    internal IReadOnlyDictionary<string, string> EnvironmentFor(NodeInventory node, EngineLaunch launch, IReadOnlyList<int> gpus)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                environment[key] = value;
            }
        }

        foreach (var (key, value) in _options.Environment)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in launch.Environment)
        {
            environment[key] = value;
        }

        // On the host the lease's GPU indices are the devices' own (no container renumbers them).
        var visible = string.Join(',', gpus.Select(g => g.ToString(CultureInfo.InvariantCulture)));
        switch (GpuVendors.For(node.Hardware, _options.GpuVendor))
        {
            case GpuVendor.Amd:
                // HIP also honours CUDA_VISIBLE_DEVICES, on top of HIP_VISIBLE_DEVICES: a second filter would pick the wrong GPUs.
                environment[DockerContainerSpecBuilder.HipVisibleDevices] = visible;
                environment.Remove(DockerContainerSpecBuilder.CudaVisibleDevices);
                environment.TryAdd("HSA_ENABLE_COREDUMP", "0");
                break;
            case GpuVendor.Nvidia:
                environment[DockerContainerSpecBuilder.CudaVisibleDevices] = visible;
                environment.Remove(DockerContainerSpecBuilder.HipVisibleDevices);
                break;
            default:
                environment[DockerContainerSpecBuilder.HipVisibleDevices] = visible;
                environment[DockerContainerSpecBuilder.CudaVisibleDevices] = visible;
                break;
        }

        return environment;
    }

    /// <summary>Stops every server and command still running, each with its grace (the host is stopping).</summary>
    public async Task StopAllAsync(CancellationToken ct)
    {
        var stops = _running.Values.Select(async server =>
        {
            try
            {
                await server.DisposeAsync();
            }
            catch (Exception e)
            {
                LogStopFailed(_logger, server.ServerId, e);
            }
        }).Concat(_commands.Keys.Select(command => StopQuietlyAsync(command, null)));
        await Task.WhenAll(stops).WaitAsync(ct);
    }

    /// <summary>Stops every server and command still running; after this the runtime starts nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await StopAllAsync(CancellationToken.None);
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= KillAllOnExit;
            _startup.Dispose();
        }
    }

    /// <summary>The silo's process is exiting (no time for graces): kill every tree of ours now.</summary>
    private void KillAllOnExit(object? sender, EventArgs e)
    {
        foreach (var server in _running.Values)
        {
            server.KillNow();
        }

        foreach (var command in _commands.Keys)
        {
            command.KillNow();
        }

        // SIGKILL cannot be ignored: what was recorded is gone (a process stuck in the kernel is the next start's to find).
        foreach (var child in _recorded.Values)
        {
            if (!ProcessTree.IsAlive(child.Identity))
            {
                Forget(child.Process);
            }
        }
    }

    /// <summary>Notes a child just started in <see cref="Records"/> (a failure to write is logged, the child runs on).</summary>
    private void Record(LocalProcess process, string node, string runId, string role, IReadOnlyList<string> command)
    {
        if (process.Identity is not { } identity)
        {
            return;
        }

        var record = new ProcessRecord(
            identity.Pid, identity.StartTime, node, runId, role, [.. command],
            Self?.Pid ?? Environment.ProcessId, Self?.StartTime ?? 0, _time.GetUtcNow());
        _recorded[identity.Pid] = new RecordedChild(process, identity, record);
        try
        {
            Records.Write(record);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogRecordFailed(_logger, identity.Pid, Records.Root, e);
        }
    }

    /// <summary>Deletes the record of a child that has been stopped.</summary>
    private void Forget(LocalProcess process)
    {
        if (!_recorded.TryGetValue(process.Pid, out var child) || !ReferenceEquals(child.Process, process) || !_recorded.TryRemove(process.Pid, out _))
        {
            return;
        }

        try
        {
            Records.Delete(child.Record.Node, child.Identity.Pid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogRecordFailed(_logger, child.Identity.Pid, Records.Root, e);
        }
    }

    private async Task StopQuietlyAsync(LocalProcess? process, ContainerOutput? output)
    {
        if (process is null)
        {
            return;
        }

        try
        {
            await process.StopAsync(_options.StopTimeout);
            Forget(process);
            if (output is not null)
            {
                await output.NoteAsync($"process {process.Pid} stopped");
            }
        }
        catch (Exception e)
        {
            LogKillFailed(_logger, process.Pid, e);
        }
        finally
        {
            await process.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The record of process {Pid} under {Directory} could not be written or deleted")]
    private static partial void LogRecordFailed(ILogger logger, int pid, string directory, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: starting server process {Server} for run {RunId} ({Program})")]
    private static partial void LogStarting(ILogger logger, string node, string server, string runId, string program);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: running {Command} for run {RunId} as a local process")]
    private static partial void LogExec(ILogger logger, string node, string runId, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping server process {Server} failed")]
    private static partial void LogStopFailed(ILogger logger, string server, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Process tree of pid {Pid} could not be stopped")]
    private static partial void LogKillFailed(ILogger logger, int pid, Exception exception);
}
