using System.Collections.Concurrent;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using SglangCi.Grains.Runs;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// The runtime of real GPU nodes: each engine server is a Docker container of the launch's image
/// (<see cref="DockerImages"/> makes sure it is there), shaped by <see cref="DockerContainerSpecBuilder"/> for the lease's
/// GPUs, started with <see cref="DockerServerCommand"/> on the host network and waited for by <see cref="EngineReadiness"/>;
/// its log is the run's <c>server.log</c>. Commands (<c>bench_one_batch</c>) run by <c>docker exec</c> in a container of
/// the same image started for them. Every container carries our labels and is removed when it is done, when its start
/// fails, when the runtime is disposed, and (by <see cref="DockerReconciler"/>) when the silo starts after a crash.
/// </summary>
public sealed partial class DockerRuntime : IEngineRuntime, IAsyncDisposable
{
    /// <summary>Output kept in memory for a command's result (the log file has all of it).</summary>
    private const int CommandOutputLimit = 16 * 1024 * 1024;

    private readonly DockerConnection _connection;
    private readonly DockerRuntimeOptions _options;
    private readonly RunLogFiles? _logs;
    private readonly ILogger _logger;
    private readonly EngineServerStartup _startup;
    private readonly HostGpuProbe _probe;
    private readonly ConcurrentDictionary<string, DockerEngineServer> _running = new(StringComparer.Ordinal);
    private DockerImages? _images;

    /// <param name="logs">Where runs keep their logs (a server's log is its run's <c>server.log</c>); without, server logs go under the temp folder.</param>
    public DockerRuntime(DockerConnection connection, DockerRuntimeOptions options, TimeProvider time, ILogger<DockerRuntime> logger, RunLogFiles? logs = null)
    {
        _connection = connection;
        _options = options;
        _logger = logger;
        _logs = logs;
        _startup = new EngineServerStartup(options, time);
        _probe = new HostGpuProbe(options.GpuProbe, time);
    }

    public EngineRuntimeKind Kind => EngineRuntimeKind.Docker;

    /// <summary>Server containers this runtime started that are still running.</summary>
    public int RunningEngines => _running.Count;

    private IDockerClient Client => _connection.Client;

    private DockerImages Images => _images ??= new DockerImages(Client, _options, _logger);

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
        var logPath = _logs?.ServerLog(launch.RunId) ?? Path.Combine(Path.GetTempPath(), "sglang-ci", "docker", $"{launch.RunId}-server.log");
        var output = new ContainerOutput(logPath, _options.LogTailLines, _options.ReadyLogLine);
        return _startup.StartAsync(
            launch,
            output,
            "container",
            async port =>
            {
                await Images.EnsureAsync(launch.Image, output.Note, cancellationToken);
                var name = DockerContainerNames.For(node.Name, launch.RunId, DockerLabels.ServerRole);
                var command = DockerServerCommand.Build(_options, launch, port);
                var spec = DockerContainerSpecBuilder.Build(_options, new DockerContainerRequest(
                    name, node, launch, gpus, command, DockerLabels.ServerRole, GpuVendors.For(node.Hardware, _options.GpuVendor)));
                await output.NoteAsync($"starting container {name} (image {launch.Image}) on node {node.Name}, GPUs [{string.Join(',', gpus)}]: {string.Join(' ', command)}");
                LogStarting(_logger, node.Name, name, launch.RunId, launch.Image);
                return await StartContainerAsync(spec, output, cancellationToken);
            },
            container => container,
            (container, baseUrl, releasePort) =>
            {
                var server = new DockerEngineServer(container, output, baseUrl, s =>
                {
                    _running.TryRemove(s.ServerId, out _);
                    releasePort();
                    return Task.CompletedTask;
                });
                _running[server.ServerId] = server;
                return server;
            },
            RemoveQuietlyAsync,
            cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="command"/> by <c>docker exec</c> in a container of the launch's image (its environment, the
    /// given GPUs) started for it with <see cref="DockerRuntimeOptions.EffectiveIdleCommand"/> and removed afterwards.
    /// The output streams into <paramref name="logPath"/> as it comes. A launch with <see cref="EngineLaunch.CommitAs"/> keeps the
    /// container as that image when the command exits 0 (<see cref="DockerImageCommit"/>).
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

        var output = new ContainerOutput(logPath, _options.LogTailLines, keepChars: CommandOutputLimit);
        var logNotes = new ContainerOutput(null, 1);
        DockerContainer? container = null;
        try
        {
            await Images.EnsureAsync(launch.Image, null, ct);
            var name = DockerContainerNames.For(node.Name, launch.RunId, DockerLabels.CommandRole);
            var spec = DockerContainerSpecBuilder.Build(_options, new DockerContainerRequest(
                name, node, launch, gpus ?? [], _options.EffectiveIdleCommand, DockerLabels.CommandRole, GpuVendors.For(node.Hardware, _options.GpuVendor)));
            LogExec(_logger, node.Name, name, launch.RunId, command[0]);
            var keptSettings = DockerImageCommit.PrepareForKeeping(spec, launch);
            try
            {
                container = await StartContainerAsync(spec, logNotes, ct);
            }
            catch (DockerApiException e)
            {
                throw new EngineStartException($"container for command '{command[0]}' of run {launch.RunId} could not start: {e.Message}", e);
            }

            int exitCode;
            try
            {
                exitCode = await DockerCommandExec.RunAsync(Client, container.Id, command, output, ct, keptSettings);
            }
            catch (DockerApiException e)
            {
                // The program and the step's log name, not the whole command line: a generated script would swamp the reason.
                throw new EngineStartException(
                    $"command '{command[0]}' ({Path.GetFileNameWithoutExtension(logPath)}) could not run in container {name}: {e.Message}{logNotes.TailForMessage()}", e);
            }

            if (exitCode == 0 && launch.CommitAs is { Count: > 0 })
            {
                await DockerImageCommit.KeepAsync(Client, container.Id, launch, output, ct);
            }

            return new EngineCommandResult(exitCode, output.Text);
        }
        finally
        {
            await RemoveQuietlyAsync(container);
            await output.DisposeAsync();
            await logNotes.DisposeAsync();
        }
    }

    /// <summary>Stops and removes every server container still running (the silo is going away).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var server in _running.Values.ToArray())
        {
            try
            {
                await server.DisposeAsync();
            }
            catch (Exception e)
            {
                LogStopFailed(_logger, server.ServerId, e);
            }
        }

        _startup.Dispose();
    }

    private async Task<DockerContainer> StartContainerAsync(CreateContainerParameters spec, ContainerOutput output, CancellationToken ct)
    {
        try
        {
            return await DockerContainer.StartAsync(Client, _options, spec, output, ct);
        }
        catch (DockerApiException e)
        {
            var reason = string.IsNullOrWhiteSpace(e.ResponseBody) ? e.Message : e.ResponseBody.Trim();
            throw new EngineStartException($"container {spec.Name} could not be created or started: {reason}", e);
        }
    }

    private async Task RemoveQuietlyAsync(DockerContainer? container)
    {
        if (container is null)
        {
            return;
        }

        try
        {
            await container.DisposeAsync();
        }
        catch (Exception e)
        {
            // The reconciler removes it at the next start; say so loudly now.
            LogRemoveFailed(_logger, container.Name, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: starting container {Container} for run {RunId} (image {Image})")]
    private static partial void LogStarting(ILogger logger, string node, string container, string runId, string image);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: running {Command} for run {RunId} in container {Container}")]
    private static partial void LogExec(ILogger logger, string node, string container, string runId, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping server container {Container} failed")]
    private static partial void LogStopFailed(ILogger logger, string container, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Container {Container} could not be removed; it is removed when the silo starts next")]
    private static partial void LogRemoveFailed(ILogger logger, string container, Exception exception);
}
