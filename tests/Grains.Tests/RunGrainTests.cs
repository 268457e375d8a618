using Microsoft.Extensions.DependencyInjection;
using SglangCi.Grains.Runs;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Runtimes.Simulated;

namespace SglangCi.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RunGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Pipeline_on_the_simulator_succeeds_with_every_phase_in_order_and_releases_its_lease()
    {
        var (run, id, queued) = await StartWithSummaryAsync("ok", TestPresets.Tiny("ok"));
        Assert.Equal(RunStatus.Queued, queued.Status);
        Assert.Null(queued.StartedAt); // a run starts when it gets its GPUs, not when it is queued

        var summary = await WaitForEndAsync(run);
        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
        Assert.Equal(1, summary.PresetVersion);
        Assert.Equal("simulated", summary.Image);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), summary.ImageDate);
        Assert.Equal("sim", summary.Hardware);
        Assert.Equal("ok-node.test", summary.Host);
        Assert.Equal(RunPhase.Done, summary.Phase);
        Assert.NotNull(summary.StartedAt);

        var details = (await run.GetDetails())!;
        Assert.Equal(details.Phases.Single(p => p.Phase == RunPhase.Leased).StartedAt, summary.StartedAt);
        Assert.Equal(
            [RunPhase.Queued, RunPhase.Leased, RunPhase.ServerUp, RunPhase.Gsm8kGate, RunPhase.Benchmark, RunPhase.Collected, RunPhase.Done],
            details.Phases.Select(p => p.Phase));
        Assert.All(details.Phases, p => Assert.Equal(PhaseStatus.Succeeded, p.Status));
        Assert.All(details.Phases, p => Assert.NotNull(p.FinishedAt));

        var gate = details.Gsm8k!;
        Assert.True(gate.Passed);
        Assert.Equal("early_exit", gate.Rule);
        Assert.NotEmpty(gate.Trials);
        Assert.All(gate.Trials, t => Assert.Equal(50, t.Questions));

        Assert.Equal(2, details.Points.Count);
        Assert.All(details.Points, p =>
        {
            Assert.Equal(8, p.Completed);
            Assert.NotNull(p.Ttft.Mean);
            Assert.NotNull(p.Itl.Mean);
            Assert.NotNull(p.E2e.Mean);
            Assert.True(p.OutputTokenThroughput > 0);
        });
        Assert.Equal([1.0, 4.0], details.Points.Select(p => p.Load).Order());

        var stored = (await fixture.Results.GetRunAsync(id, CancellationToken.None))!;
        Assert.Equal(RunStatus.Succeeded, stored.Run.Status);
        Assert.Equal(7, stored.Phases.Count);
        Assert.NotNull(stored.Gsm8k);
        Assert.Equal(2, stored.Points.Count);
        Assert.True(fixture.Results.RunWrites[id] >= 7, "the run row is written on every phase change");

        var queried = await Grains.GetGrain<IRunQueryGrain>(0).GetRun(id);
        Assert.Equal(RunStatus.Succeeded, queried!.Run.Status);

        await AssertLeaseReleasedAsync("ok-node", id, "succeeded");
        var runtime = fixture.SiloServices(fixture.PrimarySilo).GetRequiredService<SimulatedEngineRuntime>();
        await Eventually.Until(() => Task.FromResult(runtime.RunningEngines), n => n == 0, TimeSpan.FromSeconds(10), "engine stop");
    }

    [Fact]
    public async Task Failed_gsm8k_gate_skips_the_benchmark_with_the_reason()
    {
        var preset = TestPresets.Tiny("gate", threshold: 0.9, rule: Gsm8kGateRule.Mean, simulator: new Dictionary<string, string>
        {
            ["SGLCI_SIM_GSM8K_ACCURACY"] = "0",
        });
        var (run, id) = await StartAsync("gate", preset);

        var summary = await WaitForEndAsync(run);
        Assert.Equal(RunStatus.Skipped, summary.Status);
        Assert.StartsWith("GSM8K gate failed: mean accuracy 0.0", summary.Reason);
        Assert.Contains("< threshold 0.900", summary.Reason);

        var details = (await run.GetDetails())!;
        Assert.Empty(details.Points);
        Assert.False(details.Gsm8k!.Passed);
        Assert.Equal(2, details.Gsm8k.Trials.Count);
        Assert.DoesNotContain(details.Phases, p => p.Phase == RunPhase.Benchmark);
        Assert.Equal(PhaseStatus.Skipped, details.Phases[^1].Status);

        await AssertLeaseReleasedAsync("gate-node", id, "skipped");
        var alerts = await Eventually.Until(
            () => Task.FromResult(File.Exists(fixture.DefaultAlertsFile) ? File.ReadAllText(fixture.DefaultAlertsFile) : ""),
            text => text.Contains(id, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            "skip alert");
        Assert.Contains("GSM8K gate failed", alerts);
    }

    [Fact]
    public async Task Engine_that_cannot_start_fails_the_run_and_frees_the_gpus()
    {
        var preset = TestPresets.Tiny("crash", simulator: new Dictionary<string, string> { ["SGLCI_SIM_FAIL_STARTUP"] = "1" });
        var (run, id) = await StartAsync("crash", preset);

        var summary = await WaitForEndAsync(run);
        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.StartsWith("engine failed to start: ", summary.Reason);
        await AssertLeaseReleasedAsync("crash-node", id, "failed");
    }

    [Fact]
    public async Task Cancel_fails_the_run_with_the_reason_and_the_pipeline_releases_the_lease()
    {
        var slow = new BenchmarkPlan(LoadKind.Concurrency, [new LoadPoint(1, 5000)], 1, 64, 32, 1);
        var (run, id) = await StartAsync("cancel", TestPresets.Tiny("cancel", plan: slow));
        await Eventually.Until(run.GetSummary, s => s!.Phase == RunPhase.Benchmark || s.Status.IsTerminal(), RunTimeout, "benchmark phase");

        await run.Cancel("stopped by test");

        var summary = (await run.GetSummary())!;
        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.Equal("stopped by test", summary.Reason);
        await AssertLeaseReleasedAsync("cancel-node", id, "failed");
    }

    [Fact]
    public async Task Start_is_idempotent_and_rejects_unknown_presets_and_nodes()
    {
        var (run, _) = await StartAsync("idem", TestPresets.Tiny("idem"));
        var first = (await run.GetSummary())!;
        var again = await run.Start(new RunRequest("idem", "idem-node", RunMode.Online, "other-image", null, "again"));
        Assert.Equal(first.StartedAt, again.StartedAt);
        Assert.Equal("test", again.Trigger);

        var unknownPreset = await Assert.ThrowsAsync<ArgumentException>(() =>
            Grains.GetGrain<IRunGrain>(RunIds.Create("nope", "idem-node", DateTimeOffset.UtcNow))
                .Start(new RunRequest("nope", "idem-node", RunMode.Online, null, null, "test")));
        Assert.Contains("unknown preset 'nope'", unknownPreset.Message);

        var unknownNode = await Assert.ThrowsAsync<ArgumentException>(() =>
            Grains.GetGrain<IRunGrain>(RunIds.Create("idem", "nowhere", DateTimeOffset.UtcNow))
                .Start(new RunRequest("idem", "nowhere", RunMode.Online, null, null, "test")));
        Assert.Contains("unknown node 'nowhere'", unknownNode.Message);

        await WaitForEndAsync(run);
    }

    [Fact]
    public async Task Gsm8k_requests_that_mostly_fail_fail_the_run_instead_of_skipping_it()
    {
        var preset = TestPresets.Tiny("gsm8k-errors", simulator: new Dictionary<string, string> { ["SGLCI_SIM_ERROR_RATE"] = "1" });
        var (run, id) = await StartAsync("gsm8k-errors", preset);

        var summary = await WaitForEndAsync(run);
        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.StartsWith("GSM8K requests failed: ", summary.Reason);
        Assert.Contains("500", summary.Reason);
        await AssertLeaseReleasedAsync("gsm8k-errors-node", id, "failed");
    }

    [Fact]
    public async Task Reports_without_the_pipeline_token_are_ignored()
    {
        var slow = new BenchmarkPlan(LoadKind.Concurrency, [new LoadPoint(1, 5000)], 1, 64, 32, 1);
        var (run, id) = await StartAsync("forged", TestPresets.Tiny("forged", plan: slow));
        await Eventually.Until(run.GetSummary, s => s!.Phase == RunPhase.Benchmark || s.Status.IsTerminal(), RunTimeout, "benchmark phase");

        var sink = Grains.GetGrain<IRunPhaseSink>(id);
        await sink.PhaseStarted(RunPhase.Collected, Guid.NewGuid());
        await sink.Finished(RunStatus.Succeeded, "forged", Guid.NewGuid());

        var summary = (await run.GetSummary())!;
        Assert.Equal(RunStatus.Running, summary.Status);
        Assert.Equal(RunPhase.Benchmark, summary.Phase);

        await run.Cancel("stopped by test");
        await AssertLeaseReleasedAsync("forged-node", id, "failed");
    }

    private async Task<(IRunGrain Run, string Id)> StartAsync(string name, ModelPreset preset)
    {
        var (run, id, _) = await StartWithSummaryAsync(name, preset);
        return (run, id);
    }

    private async Task<(IRunGrain Run, string Id, RunSummary Summary)> StartWithSummaryAsync(string name, ModelPreset preset)
    {
        var node = $"{name}-node";
        await Grains.GetGrain<IGpuNodeGrain>(node).Configure(TestPresets.Node(node));
        await Grains.GetGrain<IModelPresetGrain>(preset.Name).Save(preset);
        var id = RunIds.Create(preset.Name, node, DateTimeOffset.UtcNow);
        var run = Grains.GetGrain<IRunGrain>(id);
        var summary = await run.Start(new RunRequest(preset.Name, node, RunMode.Online, null, null, "test"));
        Assert.Equal(id, summary.Id);
        Assert.False(summary.Status.IsTerminal(), summary.Reason);
        return (run, id, summary);
    }

    private static async Task<RunSummary> WaitForEndAsync(IRunGrain run) =>
        (await Eventually.Until(run.GetSummary, s => s is not null && s.Status.IsTerminal(), RunTimeout, "run end"))!;

    private async Task AssertLeaseReleasedAsync(string nodeName, string runId, string endReason)
    {
        var node = Grains.GetGrain<IGpuNodeGrain>(nodeName);
        await Eventually.Until(node.GetStatus, s => s.ActiveLeases.Count == 0 && s.QueuedRuns.Count == 0, TimeSpan.FromSeconds(15), "lease release");
        var history = await node.GetLeaseHistory();
        var entry = Assert.Single(history, h => h.RunId == runId);
        Assert.NotNull(entry.EndedAt);
        Assert.Equal(endReason, entry.EndReason);
    }
}
