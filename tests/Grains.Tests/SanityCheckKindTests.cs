using Microsoft.Extensions.DependencyInjection;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Runtimes.Simulated;

namespace SglangCi.Grains.Tests;

/// <summary>Sanity checks (K GSM8K trials, pass on their mean) end to end through a run grain on the simulated runtime.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SanityCheckKindTests(ClusterFixture fixture)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Sanity_check_runs_every_trial_and_passes_on_their_mean_with_the_spread_stored()
    {
        var (run, id) = await StartAsync("sanity-ok", threshold: 0.5, new() { ["SGLCI_SIM_GSM8K_ACCURACY_BY_TRIAL"] = "0.9,0.7,0.8" });

        var summary = await WaitForEndAsync(run);
        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
        Assert.Equal("sanity", summary.Mode);

        var stored = (await fixture.Results.GetRunAsync(id, CancellationToken.None))!;
        Assert.Equal(
            [RunPhase.Queued, RunPhase.Leased, RunPhase.ServerUp, RunPhase.Gsm8kGate, RunPhase.Benchmark, RunPhase.Collected, RunPhase.Done],
            stored.Phases.Select(p => p.Phase));
        Assert.Equal(PhaseStatus.Skipped, stored.Phases.Single(p => p.Phase == RunPhase.Benchmark).Status);

        var gate = stored.Gsm8k!;
        Assert.Equal("mean", gate.Rule);
        Assert.True(gate.Passed);
        Assert.Equal([1, 2, 3], gate.Trials.Select(t => t.Trial));
        Assert.All(gate.Trials, t => Assert.Equal(50, t.Questions));
        var accuracies = gate.Trials.Select(t => t.Accuracy).ToArray();
        Assert.True(accuracies.Distinct().Count() > 1, "the simulator's accuracy per trial makes the trials differ");
        Assert.Equal(accuracies.Average(), gate.Accuracy!.Value, 9);

        var check = Assert.Single(stored.Checks);
        Assert.Equal(SanityCheckKind.MeanCheck, check.Name);
        Assert.Equal(CheckStatus.Passed, check.Status);
        Assert.Equal(accuracies.Average(), check.Value!.Value, 9);
        var sd = Math.Sqrt(accuracies.Sum(a => Math.Pow(a - accuracies.Average(), 2)) / 2);
        Assert.Equal(
            FormattableString.Invariant($"mean {accuracies.Average():0.000} ± {sd:0.000} (sd) over 3 trials: {accuracies[0]:0.000}, {accuracies[1]:0.000}, {accuracies[2]:0.000}; threshold 0.5"),
            check.Detail);

        await AssertCleanedUpAsync("sanity-ok-node", id, "succeeded");
    }

    [Fact]
    public async Task Sanity_check_fails_when_the_mean_is_below_the_threshold_even_though_one_trial_is_above()
    {
        var (run, id) = await StartAsync("sanity-low", threshold: 0.8, new() { ["SGLCI_SIM_GSM8K_ACCURACY_BY_TRIAL"] = "0.98,0.6,0.6" });

        var summary = await WaitForEndAsync(run);
        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.Matches(@"^sanity check failed: mean accuracy 0\.\d{3} over 3 trials below threshold 0\.8$", summary.Reason);

        var stored = (await fixture.Results.GetRunAsync(id, CancellationToken.None))!;
        var gate = stored.Gsm8k!;
        Assert.False(gate.Passed);
        Assert.Equal(3, gate.Trials.Count);
        Assert.True(gate.Trials[0].Accuracy >= 0.8, $"trial 1 passes on its own ({gate.Trials[0].Accuracy}): best-of-3 would have passed");
        Assert.True(gate.Accuracy < 0.8);
        var check = Assert.Single(stored.Checks);
        Assert.Equal((SanityCheckKind.MeanCheck, CheckStatus.Failed), (check.Name, check.Status));
        await AssertCleanedUpAsync("sanity-low-node", id, "failed");
    }

    [Fact]
    public async Task Server_that_fails_to_start_with_cuda_graphs_is_started_again_without_them_and_the_retry_is_recorded()
    {
        var (run, id) = await StartAsync("sanity-retry", threshold: 0.5, new() { ["SGLCI_SIM_FAIL_STARTUP_WITH_CUDA_GRAPH"] = "1" });

        var summary = await WaitForEndAsync(run);
        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);

        var stored = (await fixture.Results.GetRunAsync(id, CancellationToken.None))!;
        Assert.Equal([SanityCheckKind.RetryCheck, SanityCheckKind.MeanCheck], stored.Checks.Select(c => c.Name));
        var retry = stored.Checks[0];
        Assert.Equal(CheckStatus.Warning, retry.Status);
        Assert.StartsWith("engine failed to start: ", retry.Detail);
        Assert.EndsWith("; starting once more with --disable-cuda-graph", retry.Detail);
        Assert.Equal(3, stored.Gsm8k!.Trials.Count);
        await AssertCleanedUpAsync("sanity-retry-node", id, "succeeded");
    }

    [Fact]
    public async Task Sanity_check_fails_with_both_reasons_when_the_retry_without_cuda_graphs_fails_too()
    {
        var (run, id) = await StartAsync("sanity-dead", threshold: 0.5, new() { ["SGLCI_SIM_FAIL_STARTUP"] = "1" });

        var summary = await WaitForEndAsync(run);
        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.Matches("^engine failed to start: .+; retry with --disable-cuda-graph: engine failed to start: .+$", summary.Reason);

        var stored = (await fixture.Results.GetRunAsync(id, CancellationToken.None))!;
        Assert.Equal((SanityCheckKind.RetryCheck, CheckStatus.Warning), (Assert.Single(stored.Checks).Name, stored.Checks[0].Status));
        Assert.Null(stored.Gsm8k);
        await AssertCleanedUpAsync("sanity-dead-node", id, "failed");
    }

    [Fact]
    public async Task Without_the_retry_a_failed_start_fails_the_run_at_once()
    {
        var (run, id) = await StartAsync(
            "sanity-noretry", threshold: 0.5, new() { ["SGLCI_SIM_FAIL_STARTUP"] = "1" }, new RunOptions { RetryWithoutCudaGraph = false });

        var summary = await WaitForEndAsync(run);
        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.StartsWith("engine failed to start: ", summary.Reason);
        Assert.DoesNotContain("disable-cuda-graph", summary.Reason);
        Assert.Empty((await fixture.Results.GetRunAsync(id, CancellationToken.None))!.Checks);
        await AssertCleanedUpAsync("sanity-noretry-node", id, "failed");
    }

    private async Task<(IRunGrain Run, string Id)> StartAsync(string name, double threshold, Dictionary<string, string> simulator, RunOptions? options = null)
    {
        // The preset's online gate exits early; the sanity check must run all K trials under the mean rule regardless.
        var preset = TestPresets.Tiny(name, threshold: threshold, rule: Gsm8kGateRule.EarlyExit, simulator: simulator);
        var node = $"{name}-node";
        await Grains.GetGrain<IGpuNodeGrain>(node).Configure(TestPresets.Node(node));
        await Grains.GetGrain<IModelPresetGrain>(preset.Name).Save(preset);
        var id = RunIds.Create(preset.Name, node, DateTimeOffset.UtcNow);
        var run = Grains.GetGrain<IRunGrain>(id);
        var summary = await run.Start(new RunRequest(preset.Name, node, RunMode.Sanity, null, null, "test") { Options = options ?? new RunOptions { Trials = 3 } });
        Assert.False(summary.Status.IsTerminal(), summary.Reason);
        return (run, id);
    }

    private static async Task<RunSummary> WaitForEndAsync(IRunGrain run) =>
        (await Eventually.Until(run.GetSummary, s => s is not null && s.Status.IsTerminal(), RunTimeout, "run end"))!;

    /// <summary>The lease is released with the run's end and no engine is left running (the collection's tests run one at a time).</summary>
    private async Task AssertCleanedUpAsync(string nodeName, string runId, string endReason)
    {
        var node = Grains.GetGrain<IGpuNodeGrain>(nodeName);
        await Eventually.Until(node.GetStatus, s => s.ActiveLeases.Count == 0 && s.QueuedRuns.Count == 0, TimeSpan.FromSeconds(15), "lease release");
        var entry = Assert.Single(await node.GetLeaseHistory(), h => h.RunId == runId);
        Assert.Equal(endReason, entry.EndReason);
        var runtime = fixture.SiloServices(fixture.PrimarySilo).GetRequiredService<SimulatedEngineRuntime>();
        await Eventually.Until(() => Task.FromResult(runtime.RunningEngines), n => n == 0, TimeSpan.FromSeconds(10), "engine stop");
    }
}
