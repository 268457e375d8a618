using Microsoft.Extensions.DependencyInjection;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Runtimes.Simulated;

namespace SglangCi.Grains.Tests;

/// <summary>PD disaggregation runs on the simulated node: three servers, disjoint GPU halves, checks stored.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PdDisaggregationKindTests(ClusterFixture fixture)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    private IGrainFactory Grains => fixture.Grains;

    private SimulatedEngineRuntime Runtime => fixture.SiloServices(fixture.PrimarySilo).GetRequiredService<SimulatedEngineRuntime>();

    [Fact]
    public async Task Pd_run_passes_every_check_with_servers_on_disjoint_gpu_halves_and_stops_all_three()
    {
        var (run, id) = await StartAsync("pd-ok", Preset("pd-ok"));

        var summary = await WaitForEndAsync(run);
        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
        Assert.Equal("pd", summary.Mode);

        var starts = Runtime.StartsOf(id);
        Assert.Equal(3, starts.Count);
        Assert.Equal([0, 1, 2, 3], starts[0].Gpus);
        Assert.Equal([4, 5, 6, 7], starts[1].Gpus);
        Assert.Empty(starts[2].Gpus);
        Assert.True(starts[2].IsRouter);
        Assert.False(starts[0].IsRouter || starts[1].IsRouter);

        var stored = (await fixture.Results.GetRunAsync(id, CancellationToken.None))!;
        Assert.Equal(PdChecks.Names, stored.Checks.Select(c => c.Name));
        Assert.All(stored.Checks, c => Assert.True(c.Status == CheckStatus.Passed, $"{c.Name}: {c.Detail}"));
        Assert.All(stored.Checks, c => Assert.NotNull(c.Duration));
        var gsm8k = stored.Checks.Single(c => c.Name == PdChecks.Gsm8k);
        Assert.True(gsm8k.Value >= 0.5, gsm8k.Detail);
        Assert.True(stored.Gsm8k!.Passed);
        Assert.Equal(40, Assert.Single(stored.Gsm8k.Trials).Questions);

        await AssertStoppedAndReleasedAsync("pd-ok-node", id, "succeeded");
    }

    [Fact]
    public async Task Decode_server_that_never_comes_up_fails_the_run_naming_it_and_skips_the_checks()
    {
        var preset = Preset("pd-nodecode", decode: new Dictionary<string, string> { ["SGLCI_SIM_FAIL_STARTUP"] = "1" });
        var (run, id) = await StartAsync("pd-nodecode", preset);

        var summary = await WaitForEndAsync(run);
        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.StartsWith("decode server failed to start", summary.Reason);

        var stored = (await fixture.Results.GetRunAsync(id, CancellationToken.None))!;
        Assert.Equal(PdChecks.Names, stored.Checks.Select(c => c.Name));
        Assert.All(stored.Checks, c => Assert.Equal((CheckStatus.Skipped, "setup failed"), (c.Status, c.Detail)));
        var prefill = Assert.Single(Runtime.StartsOf(id)); // the decode start failed, so only the prefill server is recorded
        Assert.Equal([0, 1, 2, 3], prefill.Gpus);

        // The prefill server that did come up is stopped by the pipeline's clean-up.
        await AssertStoppedAndReleasedAsync("pd-nodecode-node", id, "failed");
    }

    [Fact]
    public async Task Gsm8k_below_the_threshold_fails_its_check_and_the_run()
    {
        var preset = Preset("pd-weak", threshold: 0.9, decode: new Dictionary<string, string> { ["SGLCI_SIM_GSM8K_ACCURACY"] = "0.5" });
        var (run, id) = await StartAsync("pd-weak", preset);

        var summary = await WaitForEndAsync(run);
        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.Contains("gsm8k check failed", summary.Reason);

        var stored = (await fixture.Results.GetRunAsync(id, CancellationToken.None))!;
        var gsm8k = stored.Checks.Single(c => c.Name == PdChecks.Gsm8k);
        Assert.Equal(CheckStatus.Failed, gsm8k.Status);
        Assert.InRange(gsm8k.Value!.Value, 0.2, 0.8);
        Assert.All(stored.Checks.Where(c => c.Name != PdChecks.Gsm8k), c => Assert.Equal(CheckStatus.Passed, c.Status));
        Assert.False(stored.Gsm8k!.Passed);
        Assert.Equal(0.9, stored.Gsm8k.Threshold);
        await AssertStoppedAndReleasedAsync("pd-weak-node", id, "failed");
    }

    [Fact]
    public async Task Zero_accuracy_is_a_failure_even_with_a_threshold_of_zero()
    {
        var preset = Preset("pd-zero", decode: new Dictionary<string, string> { ["SGLCI_SIM_GSM8K_ACCURACY"] = "0" });
        var (run, id) = await StartAsync("pd-zero", preset, new RunOptions { Questions = 40, Threshold = 0 });

        var summary = await WaitForEndAsync(run);
        Assert.Equal(RunStatus.Failed, summary.Status);

        var gsm8k = (await fixture.Results.GetRunAsync(id, CancellationToken.None))!.Checks.Single(c => c.Name == PdChecks.Gsm8k);
        Assert.Equal(CheckStatus.Failed, gsm8k.Status);
        Assert.Equal(0.0, gsm8k.Value);
        await AssertStoppedAndReleasedAsync("pd-zero-node", id, "failed");
    }

    [Fact]
    public async Task Node_refuses_a_gpu_subset_outside_the_lease()
    {
        var node = Grains.GetGrain<IGpuNodeGrain>("pd-subset-node");
        await node.Configure(TestPresets.Node("pd-subset-node"));
        var request = new LeaseRequest("pd-subset-run", 2, TimeSpan.FromMinutes(5));

        // The first answer is "probing GPUs"; the grant follows once the probe taken after the request is in.
        var granted = await Eventually.Until(() => node.RequestLease(request), r => r.Outcome == LeaseOutcome.Granted, TimeSpan.FromSeconds(15), "lease");
        var lease = granted.Lease!;
        var outside = Enumerable.Range(0, 8).First(g => !lease.Gpus.Contains(g));
        var launch = new EngineLaunch("pd-subset-run", "simulated", "/models/tiny", [], new Dictionary<string, string>(), TimeSpan.FromSeconds(30))
        {
            GpuSubset = [lease.Gpus[0], outside],
        };

        var refused = await Assert.ThrowsAnyAsync<ArgumentException>(() => node.StartEngine(lease.LeaseId, launch));
        Assert.Contains("outside its lease", refused.Message);
        await node.ReleaseLease(lease.LeaseId, "done");
    }

    private static ModelPreset Preset(string name, double? threshold = null, IReadOnlyDictionary<string, string>? decode = null) =>
        TestPresets.Tiny(name) with
        {
            Pd = new Dictionary<string, PdPlan>
            {
                ["*"] = new(["--disaggregation-mode", "prefill", "--tp", "4"], ["--disaggregation-mode", "decode", "--tp", "4"], ["--pd-disaggregation"])
                {
                    DecodeEnvironment = decode ?? new Dictionary<string, string>(),
                    Threshold = threshold,
                },
            },
        };

    private async Task<(IRunGrain Run, string Id)> StartAsync(string name, ModelPreset preset, RunOptions? options = null)
    {
        var node = $"{name}-node";
        await Grains.GetGrain<IGpuNodeGrain>(node).Configure(TestPresets.Node(node));
        await Grains.GetGrain<IModelPresetGrain>(preset.Name).Save(preset);
        var id = RunIds.Create(preset.Name, node, DateTimeOffset.UtcNow);
        var run = Grains.GetGrain<IRunGrain>(id);

        // 40 questions keep a run to seconds; the default (200) is the PD plan's.
        var summary = await run.Start(new RunRequest(preset.Name, node, RunMode.PdDisaggregation, null, null, "test") { Options = options ?? new RunOptions { Questions = 40 } });
        Assert.False(summary.Status.IsTerminal(), summary.Reason);
        return (run, id);
    }

    private static async Task<RunSummary> WaitForEndAsync(IRunGrain run) =>
        (await Eventually.Until(run.GetSummary, s => s is not null && s.Status.IsTerminal(), RunTimeout, "run end"))!;

    private async Task AssertStoppedAndReleasedAsync(string nodeName, string runId, string endReason)
    {
        var node = Grains.GetGrain<IGpuNodeGrain>(nodeName);
        await Eventually.Until(node.GetStatus, s => s.ActiveLeases.Count == 0 && s.QueuedRuns.Count == 0, TimeSpan.FromSeconds(15), "lease release");
        var entry = Assert.Single(await node.GetLeaseHistory(), h => h.RunId == runId);
        Assert.Equal(endReason, entry.EndReason);
        await Eventually.Until(() => Task.FromResult(Runtime.RunningEngines), n => n == 0, TimeSpan.FromSeconds(10), "engine stop");
    }
}
