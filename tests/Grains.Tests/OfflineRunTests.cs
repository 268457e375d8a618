using System.Globalization;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.SimulatedEngine;

namespace SglangCi.Grains.Tests;

/// <summary>Offline runs (bench_one_batch through the node, in the engine's environment) on the simulated runtime.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OfflineRunTests(ClusterFixture fixture)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The latency model's constants, fixed by the preset so the expected numbers do not depend on the silo's defaults.</summary>
    private static readonly SimulatedEngineOptions Model = new()
    {
        PrefillBaseMs = 2,
        PrefillMsPerToken = 0.02,
        DecodeStepBaseMs = 4,
        DecodeStepMsPerRequest = 0.05,
        MaxRunningRequests = 16,
    };

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Offline_run_on_the_simulator_stores_the_latency_models_numbers_and_nulls_for_a_case_that_printed_none()
    {
        // Batch 32 is over the simulator's max batch of 16: bench_one_batch prints "skipping (...)", no numbers.
        var preset = Preset("offline-ok", new OfflinePlan("normal", [new(1, 256, 16), new(8, 256, 16), new(32, 256, 16)], []));
        var (run, id) = await StartAsync("offline-ok", preset);

        var summary = await WaitForEndAsync(run);
        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
        Assert.Equal("offline", summary.Mode);

        var details = (await run.GetDetails())!;
        Assert.Equal(
            [RunPhase.Queued, RunPhase.Leased, RunPhase.Gsm8kGate, RunPhase.Benchmark, RunPhase.Collected, RunPhase.Done],
            details.Phases.Select(p => p.Phase));
        Assert.Equal(PhaseStatus.Skipped, details.Phases.Single(p => p.Phase == RunPhase.Gsm8kGate).Status);
        Assert.Null(details.Gsm8k);
        Assert.Empty(details.Points);
        AssertCases(details.Offline);

        var stored = (await fixture.Results.GetRunAsync(id, CancellationToken.None))!;
        Assert.Equal(RunStatus.Succeeded, stored.Run.Status);
        AssertCases(stored.Offline);
        Assert.Equal(PhaseStatus.Skipped, stored.Phases.Single(p => p.Phase == RunPhase.Gsm8kGate).Status);
    }

    [Fact]
    public async Task Offline_run_fails_with_the_parsers_message_when_no_case_produces_numbers()
    {
        var preset = Preset("offline-none", new OfflinePlan("normal", [new(64, 256, 16)], []));
        var (run, id) = await StartAsync("offline-none", preset);

        var summary = await WaitForEndAsync(run);
        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.StartsWith("no bench_one_batch case produced numbers; bench_one_batch normal (batch 64, input 256, output 16): ", summary.Reason);
        Assert.Contains("bench_one_batch output", summary.Reason); // the parser's expectation

        var stored = (await fixture.Results.GetRunAsync(id, CancellationToken.None))!;
        var only = Assert.Single(stored.Offline);
        Assert.Equal(OfflineResult.Empty(64, 256, 16), only);
    }

    [Fact]
    public async Task Offline_run_of_a_preset_without_an_offline_plan_is_refused()
    {
        var preset = TestPresets.Tiny("offline-missing");
        await Grains.GetGrain<IGpuNodeGrain>("offline-missing-node").Configure(TestPresets.Node("offline-missing-node"));
        await Grains.GetGrain<IModelPresetGrain>(preset.Name).Save(preset);
        var run = Grains.GetGrain<IRunGrain>(RunIds.Create(preset.Name, "offline-missing-node", DateTimeOffset.UtcNow));
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            run.Start(new RunRequest(preset.Name, "offline-missing-node", RunMode.Offline, null, null, "test")));
        Assert.Contains("no offline plan for hardware 'sim'", error.Message);
    }

    private static void AssertCases(IReadOnlyList<OfflineResult> results)
    {
        Assert.Equal([1, 8, 32], results.Select(r => r.BatchSize).Order());
        foreach (var r in results.Where(r => r.BatchSize <= Model.MaxRunningRequests))
        {
            var expected = OneBatchCaseNumbers.For(Model, r.BatchSize, r.InputLen, r.OutputLen);
            Assert.Equal((256, 16), (r.InputLen, r.OutputLen));

            // Printed as bench_one_batch does: latencies to 5 decimals (total to 3), throughputs to 2.
            Assert.Equal(expected.PrefillLatencyS, r.PrefillLatencyS!.Value, 0.000006);
            Assert.Equal(expected.PrefillThroughput, r.PrefillThroughput!.Value, 0.006);
            Assert.Equal(expected.DecodeLatencyS, r.DecodeMedianLatencyS!.Value, 0.000006);
            Assert.Equal(expected.DecodeThroughput, r.DecodeMedianThroughput!.Value, 0.006);
            Assert.Equal(expected.TotalLatencyS, r.TotalLatencyS!.Value, 0.0006);
            Assert.Equal(expected.TotalThroughput, r.TotalThroughput!.Value, 0.006);
        }

        // Closed form, so a change in the model or the writer shows up here: bs 8 × 256 tokens → 2 + 0.02 × 2048 ms.
        var eight = results.Single(r => r.BatchSize == 8);
        Assert.Equal(0.04296, eight.PrefillLatencyS!.Value, 0.000006);
        Assert.Equal(0.0044, eight.DecodeMedianLatencyS!.Value, 0.000006);

        Assert.Equal(OfflineResult.Empty(32, 256, 16), results.Single(r => r.BatchSize == 32));
    }

    private static ModelPreset Preset(string name, OfflinePlan plan) =>
        TestPresets.Tiny(name, simulator: new Dictionary<string, string>
        {
            ["SGLCI_SIM_PREFILL_BASE_MS"] = Text(Model.PrefillBaseMs),
            ["SGLCI_SIM_PREFILL_MS_PER_TOKEN"] = Text(Model.PrefillMsPerToken),
            ["SGLCI_SIM_DECODE_STEP_MS"] = Text(Model.DecodeStepBaseMs),
            ["SGLCI_SIM_DECODE_STEP_MS_PER_REQUEST"] = Text(Model.DecodeStepMsPerRequest),
            ["SGLCI_SIM_MAX_RUNNING_REQUESTS"] = Text(Model.MaxRunningRequests),
        }) with
        {
            Offline = new Dictionary<string, IReadOnlyList<OfflinePlan>> { ["*"] = [plan] },
        };

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<(IRunGrain Run, string Id)> StartAsync(string name, ModelPreset preset)
    {
        var node = $"{name}-node";
        await Grains.GetGrain<IGpuNodeGrain>(node).Configure(TestPresets.Node(node));
        await Grains.GetGrain<IModelPresetGrain>(preset.Name).Save(preset);
        var id = RunIds.Create(preset.Name, node, DateTimeOffset.UtcNow);
        var run = Grains.GetGrain<IRunGrain>(id);
        var summary = await run.Start(new RunRequest(preset.Name, node, RunMode.Offline, null, null, "test"));
        Assert.False(summary.Status.IsTerminal(), summary.Reason);
        return (run, id);
    }

    private static async Task<RunSummary> WaitForEndAsync(IRunGrain run) =>
        (await Eventually.Until(run.GetSummary, s => s is not null && s.Status.IsTerminal(), RunTimeout, "run end"))!;
}
