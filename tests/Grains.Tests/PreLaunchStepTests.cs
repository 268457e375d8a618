using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SglangCi.Grains.Presets;
using SglangCi.Grains.Runs;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Seeding;
using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.Grains.Tests;

/// <summary>
/// A preset's pre-launch steps, driven through the pipeline against a simulated node. Shell commands (which the
/// simulator does not run) are answered by a recording wrapper around the node: <c>exit N</c> exits N, and
/// <c>test -e</c> succeeds only for paths under <c>/present</c>; the warm-up and real servers are simulated engines.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PreLaunchStepTests(ClusterFixture fixture) : IDisposable
{
    private static readonly PreLaunchStep Clean = new("clean-locks", PreLaunchStepKind.Command, TimeSpan.FromSeconds(10), Command: ["sh", "-c", "echo cleaned"]);

    private static readonly PreLaunchStep Skipped = new(
        "warm-kernels", PreLaunchStepKind.WarmupServer, TimeSpan.FromSeconds(30), ServerArgs: ["--tp", "1"], SkipIfAllExist: ["/present/a.so", "/present/b.so"]);

    private static readonly PreLaunchStep Broken = new("broken", PreLaunchStepKind.Command, TimeSpan.FromSeconds(10), Command: ["sh", "-c", "exit 3"]);

    private static readonly PreLaunchStep Warmup = new(
        "tp1-warmup", PreLaunchStepKind.WarmupServer, TimeSpan.FromSeconds(30), ServerArgs: ["--tp", "1", "--port", "30001"], SkipIfAllExist: ["/present/a.so", "/missing/b.so"]);

    private readonly string _logs = Path.Combine(Path.GetTempPath(), "sglci-prelaunch-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Steps_run_in_order_a_failed_optional_step_is_logged_and_the_warmup_server_stops_before_the_real_one()
    {
        var (status, reason, node, log) = await RunAsync("pre-ok", [Clean, Skipped, Broken, Warmup]);

        Assert.True(status == RunStatus.Succeeded, reason);
        var lines = new[]
        {
            "pre-launch step 1/4 'clean-locks' (command, timeout 00:00:10) starting",
            "pre-launch step 'clean-locks' succeeded",
            "pre-launch step 2/4 'warm-kernels'",
            "pre-launch step 'warm-kernels' skipped",
            "pre-launch step 3/4 'broken'",
            "pre-launch step 'broken' failed",
            "pre-launch step 4/4 'tp1-warmup' (warm-up server, timeout 00:00:30) starting",
            "pre-launch step 'tp1-warmup' succeeded",
            "engine ready at",
        };
        var at = lines.Select(l => log.IndexOf(l, StringComparison.Ordinal)).ToArray();
        Assert.All(at.Zip(lines), p => Assert.True(p.First >= 0, $"run log lacks '{p.Second}':\n{log}"));
        Assert.Equal(at.Order(), at);
        Assert.Contains("pre-launch step 'broken' failed after", log, StringComparison.Ordinal);
        Assert.Contains("exit code 3", log, StringComparison.Ordinal);

        // Two servers: the warm-up with the step's flags replacing the launch's, stopped before the real one started.
        var starts = node.Events.Select((e, i) => (e, i)).Where(p => p.e.StartsWith("start ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, starts.Length);
        Assert.Equal("start --trust-remote-code --attention-backend triton --quantization fp8 --tp 1 --port 30001", starts[0].e);
        Assert.Equal("start --tp 2 --trust-remote-code --attention-backend triton --quantization fp8", starts[1].e);
        var warmupStop = node.Events.IndexOf($"stop {node.ServerIds[0]}");
        Assert.InRange(warmupStop, starts[0].i + 1, starts[1].i - 1);
        Assert.Contains($"stop {node.ServerIds[1]}", node.Events); // the real one, at clean-up

        // The skip checks ran as one shell test over all the step's paths.
        Assert.Contains("exec sh -c test -e '/present/a.so' && test -e '/present/b.so'", node.Events);
    }

    [Fact]
    public async Task A_failing_required_step_fails_the_run_naming_the_step_and_starts_no_server()
    {
        var (status, reason, node, log) = await RunAsync("pre-required", [Clean, Broken with { Name = "must-pass", Required = true }, Warmup]);

        Assert.Equal(RunStatus.Failed, status);
        Assert.Equal("required pre-launch step 'must-pass' failed: exit code 3 (output in commands/002-pre-launch-must-pass)", reason);
        Assert.Contains("FAILED during pre-launch step 'must-pass'", log, StringComparison.Ordinal);
        Assert.DoesNotContain(node.Events, e => e.StartsWith("start ", StringComparison.Ordinal));
        Assert.DoesNotContain("tp1-warmup", log, StringComparison.Ordinal);
    }

    [Fact]
    public void Warmup_flags_replace_the_launchs_same_named_flags_with_their_values()
    {
        Assert.Equal(
            ["--trust-remote-code", "--mem-fraction-static", "0.85", "--tp", "1", "--port", "30001"],
            PreLaunchArgs.Merge(["--tp", "8", "--trust-remote-code", "--port=30000", "--mem-fraction-static", "0.85"], ["--tp", "1", "--port", "30001"]));
        Assert.Equal(["--tp", "8"], PreLaunchArgs.Merge(["--tp", "8"], null));
    }

    [Fact]
    public void The_validator_names_a_step_without_a_name_timeout_or_command()
    {
        static string Error(PreLaunchStep step)
        {
            var preset = TestPresets.Tiny("checked");
            preset = preset with { Launch = new Dictionary<string, HardwareLaunch> { ["mi30x"] = preset.Launch["*"] with { PreLaunch = [step] } } };
            return Assert.Throws<ArgumentException>(() => ModelPresetValidator.Validate(preset, "checked")).Message;
        }

        Assert.Equal("preset 'checked': Launch['mi30x'].PreLaunch[0].Name is required", Error(Clean with { Name = " " }));
        Assert.Contains("('clean-locks'): Timeout must be positive", Error(Clean with { Timeout = TimeSpan.Zero }), StringComparison.Ordinal);
        Assert.Contains("('clean-locks'): a Command step needs a Command", Error(Clean with { Command = [] }), StringComparison.Ordinal);
        ModelPresetValidator.Validate(TestPresets.Tiny("fine") with { Launch = new Dictionary<string, HardwareLaunch> { ["*"] = TestPresets.Tiny("fine").Launch["*"] with { PreLaunch = [Clean, Warmup] } } }, "fine");
    }

    [Fact]
    public void Shipped_presets_clean_aiter_locks_and_warm_up_on_rocm_hardware_only()
    {
        var presets = SeedCatalog.Presets().ToDictionary(p => p.Name);
        foreach (var preset in presets.Values)
        {
            ModelPresetValidator.Validate(preset, preset.Name);
            Assert.Null(preset.LaunchFor("sim").PreLaunch); // simulated runs stay fast
        }

        var grok = presets["grok1-int4"].LaunchFor("mi30x").PreLaunch!;
        Assert.Equal(["aiter-lock-cleanup", "tp1-warmup", "aiter-lock-cleanup-after-warmup"], grok.Select(s => s.Name));
        Assert.Contains("-name 'lock*' -delete", grok[0].Command![2], StringComparison.Ordinal);
        Assert.Equal(PreLaunchStepKind.WarmupServer, grok[1].Kind);
        Assert.Equal(TimeSpan.FromSeconds(300), grok[1].Timeout);
        Assert.Equal(["--tp", "1", "--port", "30001"], grok[1].ServerArgs);
        Assert.EndsWith("/module_moe_sorting.so", Assert.Single(grok[1].SkipIfAllExist!), StringComparison.Ordinal);
        Assert.DoesNotContain(grok, s => s.Required);
        Assert.Equal(TimeSpan.FromSeconds(900), presets["deepseek-v3-0324-fp8"].LaunchFor("mi30x").PreLaunch![1].Timeout);
        Assert.Equal(TimeSpan.FromSeconds(900), presets["deepseek-r1-mxfp4"].LaunchFor("mi35x").PreLaunch![1].Timeout);
        Assert.Equal(3, presets["grok2-fp8"].LaunchFor("mi35x").PreLaunch!.Count);

        // The steps travel to the run's plan.
        var inventory = TestPresets.Node("plan-node") with { Hardware = "mi30x" };
        var plan = RunPlanner.Plan("r1", new RunRequest("grok1-int4", "plan-node", RunMode.Online, null, null, "test"), presets["grok1-int4"], inventory, new RunGrainOptions());
        Assert.Equal(grok, plan.PreLaunch);
    }

    public void Dispose()
    {
        if (Directory.Exists(_logs))
        {
            Directory.Delete(_logs, recursive: true);
        }
    }

    private async Task<(RunStatus? Status, string? Reason, RecordingNode Node, string Log)> RunAsync(string name, IReadOnlyList<PreLaunchStep> steps)
    {
        var nodeName = $"{name}-node";
        await fixture.Grains.GetGrain<IGpuNodeGrain>(nodeName).Configure(TestPresets.Node(nodeName, gpus: 2));
        var preset = TestPresets.Tiny(name, gpuCount: 2);
        preset = preset with { Launch = new Dictionary<string, HardwareLaunch> { ["*"] = preset.Launch["*"] with { PreLaunch = steps } } };
        var options = new RunGrainOptions { EnginePollInterval = TimeSpan.FromMilliseconds(100), EngineStartupTimeout = TimeSpan.FromSeconds(60) };
        var runId = $"{name}-{Guid.NewGuid().ToString("N")[..6]}";
        var plan = RunPlanner.Plan(runId, new RunRequest(name, nodeName, RunMode.Online, null, null, "test"), preset, TestPresets.Node(nodeName, gpus: 2), options);

        var files = new RunLogFiles(_logs);
        var sp = fixture.SiloServices(fixture.PrimarySilo);
        var services = new RunPipelineServices(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<Gsm8kDatasetSource>(),
            TimeProvider.System,
            Options.Create(options),
            NullLogger<RunPipeline>.Instance,
            new RunLogWriter(files, TimeProvider.System, NullLogger<RunLogWriter>.Instance));
        var node = new RecordingNode(fixture.Grains.GetGrain<IGpuNodeGrain>(nodeName));
        var sink = new RecordingRunSink();

        await new RunPipeline(services, NodeOverride.Create(fixture.Grains, nodeName, node)).RunAsync(plan, sink.Reports, Guid.NewGuid(), CancellationToken.None);
        return (sink.Status, sink.Reason, node, await File.ReadAllTextAsync(files.RunLog(runId)));
    }

    /// <summary>The cluster's node, recording engine starts/stops and execs, and answering shell commands itself.</summary>
    private sealed class RecordingNode(IGpuNodeGrain inner) : IGpuNodeGrain
    {
        private readonly Lock _gate = new();

        public List<string> Events { get; } = [];

        public List<string> ServerIds { get; } = [];

        public Task Configure(NodeInventory inventory) => inner.Configure(inventory);

        public Task<NodeStatus> GetStatus() => inner.GetStatus();

        public Task<LeaseResponse> RequestLease(LeaseRequest request) => inner.RequestLease(request);

        public Task<bool> RenewLease(Guid leaseId) => inner.RenewLease(leaseId);

        public Task ReleaseLease(Guid leaseId, string reason) => inner.ReleaseLease(leaseId, reason);

        public Task LeaveQueue(string runId) => inner.LeaveQueue(runId);

        public Task<IReadOnlyList<LeaseHistoryEntry>> GetLeaseHistory() => inner.GetLeaseHistory();

        public async Task<EngineEndpoint> StartEngine(Guid leaseId, EngineLaunch launch)
        {
            Record($"start {string.Join(' ', launch.ServerArgs)}");
            var endpoint = await inner.StartEngine(leaseId, launch);
            lock (_gate)
            {
                ServerIds.Add(endpoint.ServerId);
            }

            return endpoint;
        }

        public Task<EngineEndpoint> GetEngine(string serverId) => inner.GetEngine(serverId);

        public Task StopEngine(string serverId)
        {
            Record($"stop {serverId}");
            return inner.StopEngine(serverId);
        }

        public Task<EngineExec> StartExec(Guid leaseId, EngineLaunch launch, IReadOnlyList<string> command, TimeSpan timeout)
        {
            Record($"exec {string.Join(' ', command)}");
            if (command is not ["sh", "-c", var script])
            {
                return inner.StartExec(leaseId, launch, command, timeout);
            }

            var exit = script.StartsWith("exit ", StringComparison.Ordinal) ? int.Parse(script[5..], System.Globalization.CultureInfo.InvariantCulture)
                : script.StartsWith("test -e", StringComparison.Ordinal) ? (script.Contains("'/missing", StringComparison.Ordinal) ? 1 : 0)
                : 0;
            return Task.FromResult(new EngineExec($"sh-{Guid.NewGuid():N}", EngineExecStatus.Exited, exit, $"{script}\n", null, null));
        }

        public Task<EngineExec> GetExec(string execId) => inner.GetExec(execId);

        private void Record(string e)
        {
            lock (_gate)
            {
                Events.Add(e);
            }
        }
    }
}

/// <summary>A grain factory that hands out one replacement node grain and passes everything else to the cluster's.</summary>
public class NodeOverride : DispatchProxy
{
    private IGrainFactory _inner = null!;
    private string _nodeName = null!;
    private IGpuNodeGrain _node = null!;

    internal static IGrainFactory Create(IGrainFactory inner, string nodeName, IGpuNodeGrain node)
    {
        var proxy = DispatchProxy.Create<IGrainFactory, NodeOverride>();
        var self = (NodeOverride)(object)proxy;
        (self._inner, self._nodeName, self._node) = (inner, nodeName, node);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true }
            && targetMethod.GetGenericArguments()[0] == typeof(IGpuNodeGrain)
            && args is [string key, ..]
            && key == _nodeName)
        {
            return _node;
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
