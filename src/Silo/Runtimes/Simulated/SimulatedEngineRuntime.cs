using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using SglangCi.Grains.Runs;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;
using SglangCi.Silo.Runtimes.Docker;
using SglangCi.SimulatedEngine;
using SglangCi.SimulatedEngine.Router;
using SglangCi.Toolkit.Gsm8k;
using SglangCi.Toolkit.Parsing.UnitTests;
using SglangCi.Toolkit.Upstream.Tests;

namespace SglangCi.Silo.Runtimes.Simulated;

/// <summary>
/// The runtime of simulated nodes: GPUs that are always idle (unless marked busy in <see cref="SimulatedGpuLoad"/>)
/// and engines that are in-process simulated SGLang servers on a free loopback port. Options come from
/// <c>SglangCi:Simulator</c> (bound onto <see cref="SimulatedEngineOptions"/>), with the GSM8K answers taken
/// from the same dataset the evaluator asks from, and per-preset <c>SGLCI_SIM_*</c> overrides.
/// </summary>
public sealed partial class SimulatedEngineRuntime : IEngineRuntime, IAsyncDisposable
{
    public const string SectionName = "SglangCi:Simulator";

    private readonly IConfiguration _section;
    private readonly Gsm8kDatasetSource _dataset;
    private readonly SimulatedGpuLoad _load;
    private readonly TimeProvider _time;
    private readonly RunLogFiles? _logs;
    private readonly string _defaultImageStore;
    private readonly Lazy<SimulatedImageStore> _images;
    private readonly ConcurrentDictionary<string, IEngineServer> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SimulatedEngineStart> _starts = new();
    private readonly SemaphoreSlim _answersGate = new(1, 1);
    private IReadOnlyDictionary<string, string>? _answers;

    /// <param name="logs">Where runs keep their logs: each engine writes an SGLang-like server log as its run's <c>server.log</c>; none without.</param>
    /// <param name="dataDirectory">The silo's data directory: kept images go to its <c>simulated-images</c> folder unless
    /// <see cref="SimulatedImageOptions.ImageStore"/> says otherwise; without, a folder under the temp folder.</param>
    public SimulatedEngineRuntime(
        IConfiguration simulatorSection, Gsm8kDatasetSource dataset, SimulatedGpuLoad load, TimeProvider time, RunLogFiles? logs = null, string? dataDirectory = null)
    {
        _logs = logs;
        _defaultImageStore = Path.Combine(dataDirectory ?? Path.Combine(Path.GetTempPath(), "sglang-ci"), "simulated-images");
        _images = new Lazy<SimulatedImageStore>(NewImageStore);
        _section = simulatorSection;
        _dataset = dataset;
        _load = load;
        _time = time;
    }

    public EngineRuntimeKind Kind => EngineRuntimeKind.Simulated;

    /// <summary>Engines this runtime started that are still running.</summary>
    public int RunningEngines => _running.Count;

    /// <summary>The servers started for <paramref name="runId"/>, in order, with the GPUs each was given.</summary>
    public IReadOnlyList<SimulatedEngineStart> StartsOf(string runId) => _starts.Where(s => s.RunId == runId).ToArray();

    public Task<GpuSnapshot> ProbeGpusAsync(NodeInventory node, CancellationToken cancellationToken)
    {
        var gpus = Enumerable.Range(0, node.GpuCount)
            .Select(i => _load.ProcessOn(node.Name, i) is { } process
                ? new GpuState(i, 97, 62, [process])
                : new GpuState(i, 0, 0.4, []))
            .ToArray();
        return Task.FromResult(new GpuSnapshot(_time.GetUtcNow(), gpus));
    }

    public async Task<IEngineServer> StartAsync(NodeInventory node, EngineLaunch launch, IReadOnlyList<int> gpus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        if (ParseRouter(launch) is { } backends)
        {
            return await StartRouterAsync(launch, gpus, backends, cancellationToken);
        }

        var options = SimulatedLaunchOverrides.Apply(BaseOptions(), launch) with
        {
            Gsm8kAnswers = await AnswersAsync(cancellationToken),
        };

        var log = _logs is null ? null : SimulatedServerLog.Open(_logs.ServerLog(launch.RunId), _time);
        log?.Starting(launch, options);
        SimulatedEngineServer server;
        try
        {
            server = await SimulatedEngineServer.StartAsync(options, port: 0, host: "127.0.0.1", ct: cancellationToken);
        }
        catch (Exception e)
        {
            log?.Failed(e.Message);
            await CloseAsync(log);
            if (e is OperationCanceledException)
            {
                throw;
            }

            throw new EngineStartException($"simulated engine could not start: {e.Message}", e);
        }

        try
        {
            // StartAsync returns once the port is bound; the engine is ready after its simulated model load.
            await server.WhenReady.WaitAsync(cancellationToken);
        }
        catch (Exception e)
        {
            await server.DisposeAsync();
            log?.Failed(e is OperationCanceledException ? "startup cancelled (timed out or the run ended)" : e.Message);
            await CloseAsync(log);
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new EngineStartException($"simulated engine exited while starting: {e.Message}", e);
        }

        log?.Ready(server);
        var serverId = $"sim-{launch.RunId}-{server.BaseUrl.Port}";
        var handle = new SimulatedEngineHandle(serverId, server, log, h => _running.TryRemove(h.ServerId, out _));
        _running[serverId] = handle;
        _starts.Enqueue(new SimulatedEngineStart(launch.RunId, serverId, gpus, IsRouter: false));
        return handle;
    }

    /// <summary>The PD router's backends when the launch starts <c>sglang_router</c> with <c>--pd-disaggregation</c>; null for a server.</summary>
    private static PdRouterArgs? ParseRouter(EngineLaunch launch)
    {
        try
        {
            return PdRouterArgs.TryParse(launch.ServerArgs);
        }
        catch (ArgumentException e)
        {
            throw new EngineStartException($"simulated PD router could not start: {e.Message}", e);
        }
    }

    /// <summary>The router plays <c>sglang_router</c>: it forwards to the decode server and needs no GPU, so it serves once bound.</summary>
    private async Task<IEngineServer> StartRouterAsync(EngineLaunch launch, IReadOnlyList<int> gpus, PdRouterArgs backends, CancellationToken cancellationToken)
    {
        SimulatedPdRouter router;
        try
        {
            router = await SimulatedPdRouter.StartAsync(backends, port: 0, host: "127.0.0.1", ct: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new EngineStartException($"simulated PD router could not start: {e.Message}", e);
        }

        var serverId = $"sim-router-{launch.RunId}-{router.BaseUrl.Port}";
        var handle = new SimulatedRouterHandle(serverId, router, id => _running.TryRemove(id, out _));
        _running[serverId] = handle;
        _starts.Enqueue(new SimulatedEngineStart(launch.RunId, serverId, gpus, IsRouter: true));
        return handle;
    }

    /// <summary>
    /// Runs a command "in the engine": the simulator knows <c>python3 -m sglang.bench_one_batch</c> and prints its
    /// output (see <see cref="OneBatchOutputWriter"/>) with numbers from the latency model under the launch's
    /// <c>SGLCI_SIM_*</c> overrides, and <c>python3 -m unittest|pytest …</c> (also inside <c>sh -c</c>), printed by
    /// <see cref="UnitTestOutputWriter"/> as <c>SGLCI_SIM_UNITTEST</c> (launch environment or the command's own
    /// <c>VAR=value</c>) says; anything else exits 127 like a shell that does not know the command.
    /// </summary>
    public async Task<EngineCommandResult> ExecAsync(
        NodeInventory node, EngineLaunch launch, IReadOnlyList<int> gpus, IReadOnlyList<string> command, string logPath, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentException.ThrowIfNullOrWhiteSpace(logPath);
        if (await TryExecInCheckoutAsync(launch, command, logPath, ct) is { } inCheckout)
        {
            return inCheckout;
        }

        if (UpstreamTestBatch.TryParse(command) is { } batch)
        {
            return await RunTestBatchAsync(launch, batch, logPath, ct);
        }

        var test = TestCommand.TryParse(command);
        if (test is not null)
        {
            // The command's own assignments win over the launch's, as in a shell.
            launch = launch with { Environment = launch.Environment.Concat(test.Environment).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value) };
        }

        var options = SimulatedLaunchOverrides.Apply(BaseOptions(), launch);
        var commandLine = string.Join(' ', command);
        if (test is not null && options.Faults.UnitTestFor(test) == SimulatedUnitTestFault.Hang)
        {
            // A hung test prints nothing more; only the node's timeout (or the lease's end) stops it.
            await Task.Delay(Timeout.Infinite, ct);
        }

        (int ExitCode, string Output) result;
        try
        {
            result = OneBatchCommand.TryParse(command) is { } oneBatch ? (0, $"{commandLine}\n{OneBatchOutputWriter.Write(options, oneBatch)}")
                : test is not null ? UnitTestResult(commandLine, UnitTestOutputWriter.Write(options, test))
                : (127, $"{commandLine}\n{command[0]}: command not supported by the simulated engine (it runs python3 -m sglang.bench_one_batch, unittest and pytest)\n");
        }
        catch (ArgumentException e)
        {
            result = (2, $"{commandLine}\nerror: {e.Message}\n");
        }

        var (exitCode, output) = result;
        return new EngineCommandResult(exitCode, await WriteMaskedLogAsync(logPath, output, ct));
    }

    public async ValueTask DisposeAsync()
    {
        // The silo is going away: an in-process engine must not outlive it holding a port.
        foreach (var handle in _running.Values.ToArray())
        {
            try
            {
                await handle.DisposeAsync();
            }
            catch (Exception)
            {
                // Best effort on shutdown.
            }
        }

        _answersGate.Dispose();
    }

    private static (int ExitCode, string Output) UnitTestResult(string commandLine, UnitTestOutput output) =>
        (output.ExitCode, $"{commandLine}\n{output.Text}");

    private static async Task CloseAsync(SimulatedServerLog? log)
    {
        if (log is not null)
        {
            await log.DisposeAsync();
        }
    }

    /// <summary>Masks secrets as the real runtimes do (<see cref="RedactedLineBuffer"/>), writes the command's log, and
    /// returns the masked output, which is all the caller may see.</summary>
    private static async Task<string> WriteMaskedLogAsync(string logPath, string output, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(logPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var masked = RedactedLineBuffer.RedactEachLine(output);
        await File.WriteAllTextAsync(logPath, masked, ct);
        return masked;
    }

    private SimulatedEngineOptions BaseOptions() => _section.Get<SimulatedEngineOptions>() ?? new SimulatedEngineOptions();

    private async Task<IReadOnlyDictionary<string, string>?> AnswersAsync(CancellationToken cancellationToken)
    {
        if (_answers is not null)
        {
            return _answers;
        }

        await _answersGate.WaitAsync(cancellationToken);
        try
        {
            if (_answers is null)
            {
                var items = await _dataset.LoadAsync(cancellationToken);
                var answers = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var item in items)
                {
                    answers.TryAdd(item.Question, item.Answer);
                }

                _answers = answers;
            }

            return _answers;
        }
        finally
        {
            _answersGate.Release();
        }
    }
}
