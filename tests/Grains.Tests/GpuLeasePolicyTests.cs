using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SglangCi.Grains.Nodes;
using SglangCi.Grains.Runs;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Runtimes.Simulated;

namespace SglangCi.Grains.Tests;

/// <summary>
/// The GPU lease policy: busy GPUs named with their load and processes (lease reason, node status, run failure), the
/// run's alert when foreign work kept the GPUs busy past the queue limit, and eviction of our own leftovers with the live
/// runs' ids, never of foreign work. A cluster of its own: a short queue limit and a runtime that records evictions.
/// </summary>
[Collection(LeasePolicyCollection.Name)]
public sealed class GpuLeasePolicyTests(LeasePolicyClusterFixture fixture)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(1);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public void Busy_gpus_are_described_with_the_levels_over_the_threshold_and_their_processes()
    {
        var snapshot = new GpuSnapshot(DateTimeOffset.UtcNow,
        [
            new GpuState(0, 87, 60, ["python3 (pid 4242)"]),
            new GpuState(1, 3, 40, []),
            new GpuState(2, 0, 0, []),
        ]);

        var busy = GpuAllocator.BusyUnleased(4, new HashSet<int> { 2 }, snapshot, 15);

        Assert.Equal([0, 1, 3], busy.Select(b => b.Index));
        Assert.Equal("GPU 0 busy (compute 87% > 15%, VRAM 60% > 15%, processes: python3 (pid 4242))", busy[0].Reason);
        Assert.Equal("GPU 1 busy (compute 3%, VRAM 40% > 15%, no process seen)", busy[1].Reason);
        Assert.Equal("GPU 3 not seen by the probe", busy[2].Reason);
        Assert.Equal(["python3 (pid 4242)"], busy[0].Processes);
    }

    [Fact]
    public async Task Busy_gpus_are_named_in_the_lease_reason_and_the_node_status()
    {
        const string name = "policy-reason-node";
        var node = await NodeAsync(name, gpus: 2);
        fixture.Load.MarkBusy(name, 1, "python3 (pid 4242)");
        try
        {
            var waiting = await Probed(node, new LeaseRequest("reason-run", 2, Ttl));

            Assert.Equal(LeaseOutcome.Queued, waiting.Outcome);
            Assert.Contains("GPU 1 busy (compute 97% > 15%, VRAM 62% > 15%, processes: python3 (pid 4242))", waiting.Reason);
            var busy = Assert.Single(waiting.BusyGpus!);
            Assert.Equal(1, busy.Index);
            Assert.Equal(["python3 (pid 4242)"], busy.Processes);

            var status = await node.GetStatus();
            Assert.Equal(1, Assert.Single(status.BusyGpus!).Index);
            Assert.Equal(waiting.Reason, status.WaitReason);

            await node.LeaveQueue("reason-run");
            Assert.Null((await node.GetStatus()).WaitReason);
        }
        finally
        {
            fixture.Load.MarkIdle(name, 1);
        }
    }

    [Fact]
    public async Task A_leftover_of_ours_is_evicted_given_the_live_runs_and_foreign_work_is_left_alone()
    {
        const string name = "policy-evict-node";
        var node = await NodeAsync(name, gpus: 3);
        var live = await Probed(node, new LeaseRequest("live-run", 1, Ttl));
        Assert.Equal([0], live.Lease!.Gpus);
        fixture.Runtime.PlantLeftover(name, 1, "dead-run");
        fixture.Load.MarkBusy(name, 2, "python3 (pid 999)");
        try
        {
            var waiting = await Eventually.Until(
                () => node.RequestLease(new LeaseRequest("waiter", 2, Ttl)),
                r => r.BusyGpus is { Count: 1 } busy && busy[0].Index == 2,
                TimeSpan.FromSeconds(15),
                "eviction of the leftover on GPU 1");

            Assert.Equal(LeaseOutcome.Queued, waiting.Outcome);
            Assert.Contains("GPU 2 busy", waiting.Reason);
            Assert.DoesNotContain("GPU 1", waiting.Reason);
            var calls = fixture.Runtime.EvictionCalls(name);
            Assert.NotEmpty(calls);
            Assert.All(calls, live => Assert.Equal(["live-run"], live));

            // Foreign work stays, however often the node looked for leftovers.
            Assert.Equal("python3 (pid 999)", fixture.Load.ProcessOn(name, 2));
            var eviction = await Eventually.Until(
                node.GetLeaseHistory, h => h.Any(e => e.RunId == GpuAllocator.EvictionRunId), TimeSpan.FromSeconds(10), "eviction in the history");
            var entry = Assert.Single(eviction, e => e.RunId == GpuAllocator.EvictionRunId);
            Assert.Contains("dead-run", Assert.Single(entry.Evicted!));
            Assert.Contains(1, entry.Gpus);
            Assert.Contains("evicted leftovers of ours", entry.EndReason);
            Assert.Equal(name, Assert.Single((await node.GetStatus()).ActiveLeases).NodeName);
        }
        finally
        {
            fixture.Load.MarkIdle(name, 2);
            await node.LeaveQueue("waiter");
            await node.ReleaseLease(live.Lease.LeaseId, "done");
        }
    }

    [Fact]
    public async Task A_run_that_waits_out_foreign_work_fails_naming_the_gpus_and_processes_and_alerts_once()
    {
        const string name = "policy-foreign-node";
        await NodeAsync(name, gpus: 1);
        await Grains.GetGrain<IModelPresetGrain>("policy-foreign").Save(TestPresets.Tiny("policy-foreign", gpuCount: 1));
        fixture.Load.MarkBusy(name, 0, "python3 (pid 4242)");
        try
        {
            var id = RunIds.Create("policy-foreign", name, DateTimeOffset.UtcNow);
            var run = Grains.GetGrain<IRunGrain>(id);
            await run.Start(new RunRequest("policy-foreign", name, RunMode.Online, null, null, "test"));
            var summary = (await Eventually.Until(run.GetSummary, s => s is not null && s.Status.IsTerminal(), TimeSpan.FromSeconds(60), "run end"))!;

            Assert.Equal(RunStatus.Failed, summary.Status);
            Assert.StartsWith($"no GPUs within 00:00:03: {RunAlerts.GpusBusyMarker} on node '{name}' (waited 00:00:0", summary.Reason);
            Assert.Contains("GPU 0 busy (compute 97% > 15%, VRAM 62% > 15%, processes: python3 (pid 4242))", summary.Reason);

            var alerts = await Eventually.Until(
                () => Task.FromResult(AlertLines(id)), lines => lines.Count > 0, TimeSpan.FromSeconds(15), "the run's alert");
            await Grains.GetGrain<IAlertChannelGrain>("default").Flush();
            await Task.Delay(500);
            var line = Assert.Single(AlertLines(id));
            Assert.Contains(RunAlerts.GpusBusyCause, line);
            Assert.Contains("busy with work that is not ours", line);
            Assert.Contains("pid 4242", line);
            Assert.Contains("Nothing was stopped", line);
            Assert.Single(alerts);

            // The node looked for leftovers of ours (none live), and the foreign process was left running.
            Assert.Contains(fixture.Runtime.EvictionCalls(name), live => live.Count == 0);
            Assert.Equal("python3 (pid 4242)", fixture.Load.ProcessOn(name, 0));
            Assert.Empty((await Grains.GetGrain<IGpuNodeGrain>(name).GetStatus()).QueuedRuns);
        }
        finally
        {
            fixture.Load.MarkIdle(name, 0);
        }
    }

    private List<string> AlertLines(string runId) =>
        File.Exists(fixture.AlertsFile)
            ? [.. File.ReadAllLines(fixture.AlertsFile).Where(l => l.Contains(runId, StringComparison.Ordinal))]
            : [];

    private static Task<LeaseResponse> Probed(IGpuNodeGrain node, LeaseRequest request) =>
        Eventually.Until(() => node.RequestLease(request), r => r.Reason != "probing GPUs", TimeSpan.FromSeconds(10), $"probe for {request.RunId}");

    private async Task<IGpuNodeGrain> NodeAsync(string name, int gpus)
    {
        var node = Grains.GetGrain<IGpuNodeGrain>(name);
        await node.Configure(TestPresets.Node(name, gpus));
        return node;
    }
}

[CollectionDefinition(Name)]
public sealed class LeasePolicyCollection : ICollectionFixture<LeasePolicyClusterFixture>
{
    public const string Name = "lease-policy-cluster";
}

/// <summary>A one-silo cluster like <see cref="ClusterFixture"/>, with a 3 s queue limit, fast evictions and <see cref="RecordingRuntime"/>.</summary>
public sealed class LeasePolicyClusterFixture : ClusterFixture
{
    public string AlertsFile => DefaultAlertsFile;

    public RecordingRuntime Runtime => Services.GetRequiredService<RecordingRuntime>();

    public SimulatedGpuLoad Load => Services.GetRequiredService<SimulatedGpuLoad>();

    private IServiceProvider Services => SiloServices(PrimarySilo);

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["SglangCi:Runs:MaxQueueWait"] = "00:00:03";
        settings["SglangCi:Nodes:EvictionInterval"] = "00:00:00.100";
    }

    protected override void AddSiloConfigurator(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<Configurator>();

    /// <summary>The product's test silo, with <see cref="RecordingRuntime"/> as the simulated runtime (the resolver takes the last one registered).</summary>
    public sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            new TestSiloConfigurator().Configure(siloBuilder);
            siloBuilder.Services.AddSingleton(sp => new RecordingRuntime(sp.GetRequiredService<SimulatedEngineRuntime>(), sp.GetRequiredService<SimulatedGpuLoad>()));
            siloBuilder.Services.AddSingleton<IEngineRuntime>(sp => sp.GetRequiredService<RecordingRuntime>());
        }
    }
}

/// <summary>
/// The simulated runtime, recording each eviction's live run ids per node. A leftover of ours is a simulated busy GPU
/// planted for a run; an eviction frees those of runs not live. Other busy GPUs (foreign work) it never touches.
/// </summary>
public sealed class RecordingRuntime(SimulatedEngineRuntime inner, SimulatedGpuLoad load) : IEngineRuntime
{
    private readonly ConcurrentDictionary<(string Node, int Gpu), string> _leftovers = new();
    private readonly ConcurrentQueue<(string Node, IReadOnlySet<string> Live)> _calls = new();

    public EngineRuntimeKind Kind => inner.Kind;

    public void PlantLeftover(string node, int gpu, string runId)
    {
        _leftovers[(node, gpu)] = runId;
        load.MarkBusy(node, gpu, $"python3 (pid 7{gpu}) [container sglci-{runId}]");
    }

    public IReadOnlyList<IReadOnlyList<string>> EvictionCalls(string node) =>
        [.. _calls.Where(c => c.Node == node).Select(c => (IReadOnlyList<string>)[.. c.Live.Order(StringComparer.Ordinal)])];

    public Task<GpuSnapshot> ProbeGpusAsync(NodeInventory node, CancellationToken cancellationToken) => inner.ProbeGpusAsync(node, cancellationToken);

    public Task<IEngineServer> StartAsync(NodeInventory node, EngineLaunch launch, IReadOnlyList<int> gpus, CancellationToken cancellationToken) =>
        inner.StartAsync(node, launch, gpus, cancellationToken);

    public Task<EngineCommandResult> ExecAsync(
        NodeInventory node, EngineLaunch launch, IReadOnlyList<int> gpus, IReadOnlyList<string> command, string logPath, CancellationToken ct) =>
        inner.ExecAsync(node, launch, gpus, command, logPath, ct);

    public Task<IReadOnlyList<string>> EvictOrphansAsync(NodeInventory node, IReadOnlySet<string> liveRunIds, CancellationToken ct)
    {
        _calls.Enqueue((node.Name, liveRunIds));
        var evicted = new List<string>();
        foreach (var ((name, gpu), runId) in _leftovers)
        {
            if (name == node.Name && !liveRunIds.Contains(runId) && _leftovers.TryRemove((name, gpu), out _))
            {
                load.MarkIdle(name, gpu);
                evicted.Add($"sglci-{runId} (run {runId})");
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(evicted);
    }
}
