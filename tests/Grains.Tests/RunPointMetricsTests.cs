using SglangCi.Grains.Presets;
using SglangCi.Grains.Runs;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Seeding;

namespace SglangCi.Grains.Tests;

/// <summary>A run's points carry goodput under the plan's SLOs and the reasons requests failed.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RunPointMetricsTests(ClusterFixture fixture)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_plan_with_goodput_slos_stores_goodput_on_every_point()
    {
        var plan = new BenchmarkPlan(LoadKind.Concurrency, [new LoadPoint(1, 8), new LoadPoint(4, 8)], RunsPerPoint: 1, InputLength: 64, OutputLength: 32, RangeRatio: 1)
        {
            // Generous SLOs: every simulated request meets them, so goodput is the request throughput.
            Goodput = new Dictionary<string, double> { ["ttft"] = 60_000, ["tpot"] = 60_000 },
        };
        var (run, id) = await StartAsync("goodput", TestPresets.Tiny("goodput", plan: plan));

        var summary = await WaitForEndAsync(run);
        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);

        var stored = (await fixture.Results.GetRunAsync(id, CancellationToken.None))!;
        Assert.Equal(2, stored.Points.Count);
        Assert.All(stored.Points, p =>
        {
            Assert.NotNull(p.Goodput);
            Assert.Equal(p.Completed / p.DurationSeconds, p.Goodput!.Value, 6);
            Assert.Empty(p.FailureReasons);
        });
    }

    [Fact]
    public async Task A_run_against_a_simulator_with_errors_stores_the_failure_reasons_with_counts()
    {
        var preset = TestPresets.Tiny(
            "point-errors",
            threshold: 0,
            rule: Gsm8kGateRule.Mean,
            simulator: new Dictionary<string, string> { ["SGLCI_SIM_ERROR_RATE"] = "0.25", ["SGLCI_SIM_SEED"] = "7" },
            plan: new BenchmarkPlan(LoadKind.Concurrency, [new LoadPoint(4, 40)], RunsPerPoint: 1, InputLength: 64, OutputLength: 16, RangeRatio: 1));
        var (run, id) = await StartAsync("point-errors", preset);

        var summary = await WaitForEndAsync(run);
        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);

        var point = Assert.Single((await fixture.Results.GetRunAsync(id, CancellationToken.None))!.Points);
        Assert.True(point.Failed > 0, "an error rate of 25% fails some of 40 requests");
        Assert.Equal(40, point.Completed + point.Failed);
        Assert.NotEmpty(point.FailureReasons);
        Assert.Equal(point.Failed, point.FailureReasons.Sum(r => r.Count));
        Assert.All(point.FailureReasons, r => Assert.Contains("500", r.Reason, StringComparison.Ordinal));
        Assert.Null(point.Goodput); // the plan has no SLOs
    }

    [Fact]
    public void An_unknown_goodput_metric_is_rejected_naming_the_preset_and_the_key()
    {
        var plan = new BenchmarkPlan(LoadKind.Concurrency, [new LoadPoint(1, 8)], 1, 64, 32, 1)
        {
            Goodput = new Dictionary<string, double> { ["ttft"] = 2000, ["ttfb"] = 100 },
        };

        var error = Assert.Throws<ArgumentException>(() => ModelPresetValidator.Validate(TestPresets.Tiny("slo-bad", plan: plan), "slo-bad"));

        Assert.Contains("preset 'slo-bad'", error.Message);
        Assert.Contains("'ttfb'", error.Message);
        Assert.Contains("Goodput", error.Message);

        var negative = plan with { Goodput = new Dictionary<string, double> { ["tpot"] = -1 } };
        var error2 = Assert.Throws<ArgumentException>(() => ModelPresetValidator.Validate(TestPresets.Tiny("slo-neg", plan: negative), "slo-neg"));
        Assert.Contains("Goodput['tpot']", error2.Message);

        var good = plan with { Goodput = new Dictionary<string, double> { ["ttft"] = 2000, ["tpot"] = 200, ["e2el"] = 10_000 } };
        ModelPresetValidator.Validate(TestPresets.Tiny("slo-ok", plan: good), "slo-ok");
    }

    [Fact]
    public void Goodput_key_order_does_not_change_a_presets_content()
    {
        BenchmarkPlan Plan(params (string Key, double Ms)[] slos) => new(LoadKind.Concurrency, [new LoadPoint(1, 8)], 1, 64, 32, 1)
        {
            Goodput = slos.ToDictionary(s => s.Key, s => s.Ms),
        };

        var a = TestPresets.Tiny("slo-order", plan: Plan(("ttft", 2000), ("tpot", 200)));
        var b = TestPresets.Tiny("slo-order", plan: Plan(("tpot", 200), ("ttft", 2000)));
        var c = TestPresets.Tiny("slo-order", plan: Plan(("tpot", 100), ("ttft", 2000)));

        Assert.True(ModelPresetContent.SameContent(a, b));
        Assert.False(ModelPresetContent.SameContent(a, c));
    }

    [Fact]
    public void The_shipped_sim_plans_have_goodput_slos_and_validate()
    {
        var presets = SeedCatalog.Presets();
        Assert.NotEmpty(presets);
        Assert.All(presets.Where(p => p.HasBenchmark), preset =>
        {
            ModelPresetValidator.Validate(preset, preset.Name);
            var slos = preset.Benchmark["sim"].Goodput;
            Assert.NotNull(slos);
            Assert.Equal(2000, slos!["ttft"]);
            Assert.Equal(200, slos["tpot"]);
            Assert.Equal(2000, BenchmarkPointMapping.Slos(preset.Benchmark["sim"])!.TtftMs);
        });
    }

    private async Task<(IRunGrain Run, string Id)> StartAsync(string name, ModelPreset preset)
    {
        var node = $"{name}-node";
        await Grains.GetGrain<IGpuNodeGrain>(node).Configure(TestPresets.Node(node));
        await Grains.GetGrain<IModelPresetGrain>(preset.Name).Save(preset);
        var id = RunIds.Create(preset.Name, node, DateTimeOffset.UtcNow);
        var run = Grains.GetGrain<IRunGrain>(id);
        await run.Start(new RunRequest(preset.Name, node, RunMode.Online, null, null, "test"));
        return (run, id);
    }

    private static async Task<RunSummary> WaitForEndAsync(IRunGrain run) =>
        (await Eventually.Until(run.GetSummary, s => s is not null && s.Status.IsTerminal(), RunTimeout, "run end"))!;
}
