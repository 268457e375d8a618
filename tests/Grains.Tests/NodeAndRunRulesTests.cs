using Microsoft.Extensions.Logging.Abstractions;
using SglangCi.Grains.Nodes;
using SglangCi.Grains.Runs;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Tests;

/// <summary>The node's lease book, its off-turn probe, and the run's phase rules, without a cluster.</summary>
public sealed class NodeAndRunRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Leaving_ends_the_runs_lease_and_queue_place_and_the_minimum_gpu_count_follows_leases()
    {
        var state = new GpuNodeState();
        var allocator = new GpuAllocator(state, historyLimit: 10);
        var request = new LeaseRequest("r1", 2, TimeSpan.FromMinutes(1));
        Assert.Equal((0, true), allocator.Enqueue(request, T0));
        Assert.Equal(0, allocator.MinimumGpuCount());
        allocator.Grant("n", request, [2, 5], T0);
        Assert.Equal(6, allocator.MinimumGpuCount());
        allocator.Enqueue(new LeaseRequest("r2", 1, TimeSpan.FromMinutes(1)), T0);

        var (ended, changed) = allocator.Leave("r1", "left queue", T0.AddSeconds(1));

        Assert.True(changed);
        Assert.Single(ended);
        Assert.Empty(state.Leases);
        Assert.Equal(["r2"], state.Queue.Select(q => q.RunId));
        Assert.Equal("left queue", Assert.Single(state.History).EndReason);
        Assert.False(allocator.Leave("r1", "left queue", T0).Changed);
    }

    [Fact]
    public void Skipped_run_marks_its_last_phase_skipped_and_a_run_starts_when_it_is_leased()
    {
        var run = new RunState
        {
            Summary = new RunSummary("r", "p", 1, "m", "n", "h", "sim", "online", null, null, RunStatus.Queued, null, null, null, RunPhase.Queued, "test"),
            Phases = [new PhaseRecord(RunPhase.Queued, T0, null, PhaseStatus.Running)],
        };

        RunPhaseBook.Enter(run, RunPhase.Leased, T0.AddMinutes(5));
        Assert.Equal(T0.AddMinutes(5), run.Summary.StartedAt);
        RunPhaseBook.Enter(run, RunPhase.Gsm8kGate, T0.AddMinutes(6));
        Assert.Equal(T0.AddMinutes(5), run.Summary.StartedAt);

        RunPhaseBook.Finish(run, RunStatus.Skipped, "GSM8K gate failed", T0.AddMinutes(7));
        Assert.Equal(PhaseStatus.Skipped, run.Phases[^1].Status);
        Assert.Equal(RunPhase.Gsm8kGate, run.Phases[^1].Phase);
        Assert.True(run.AlertPending);
        Assert.Equal(PhaseStatus.Failed, RunPhaseBook.PhaseOutcome(RunStatus.Failed));
    }

    [Fact]
    public async Task A_hung_probe_is_cut_off_at_its_timeout_and_never_blocks_the_caller()
    {
        var options = new GpuNodeOptions { ProbeTimeout = TimeSpan.FromMilliseconds(200), ProbeInterval = TimeSpan.Zero };
        var probe = new NodeProbe("hung", new HungResolver(), options, TimeProvider.System, NullLogger.Instance);
        var since = TimeProvider.System.GetUtcNow();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        probe.Start(TestPresets.Node("hung"));
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(150), "Start must not wait for the probe");
        Assert.Null(probe.FreshSince(since, TimeProvider.System.GetUtcNow()));

        var error = await Eventually.Until(
            () =>
            {
                probe.Collect();
                return Task.FromResult(probe.ErrorSince(since));
            },
            e => e is not null,
            TimeSpan.FromSeconds(5),
            "probe timeout");
        Assert.Contains("did not answer within", error);
        Assert.Null(probe.FreshSince(since, TimeProvider.System.GetUtcNow()));
    }

    [Fact]
    public void Inventory_with_a_runtime_this_silo_lacks_is_an_argument_error_naming_the_node()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            NodeInventoryRules.Validate("n1", TestPresets.Node("n1") with { Runtime = EngineRuntimeKind.Process }, 0, new HungResolver()));
        Assert.Contains("node 'n1'", error.Message);
        Assert.Throws<ArgumentException>(() => NodeInventoryRules.Validate("n1", TestPresets.Node("n1", gpus: 2), 3, new HungResolver()));
    }

    /// <summary>A simulated runtime whose probe never returns and ignores its token (a wedged rocm-smi).</summary>
    private sealed class HungResolver : IEngineRuntimeResolver, IEngineRuntime
    {
        public EngineRuntimeKind Kind => EngineRuntimeKind.Simulated;

        public IEngineRuntime Resolve(EngineRuntimeKind kind) =>
            kind == Kind ? this : throw new InvalidOperationException($"this silo has no '{kind}' engine runtime");

        public Task<GpuSnapshot> ProbeGpusAsync(NodeInventory node, CancellationToken cancellationToken) => new TaskCompletionSource<GpuSnapshot>().Task;

        public Task<IEngineServer> StartAsync(NodeInventory node, EngineLaunch launch, IReadOnlyList<int> gpus, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<EngineCommandResult> ExecAsync(
            NodeInventory node, EngineLaunch launch, IReadOnlyList<int> gpus, IReadOnlyList<string> command, string logPath, CancellationToken ct) =>
            throw new NotSupportedException();
    }
}
