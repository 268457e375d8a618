using SglangCi.Grains.Alerts;
using SglangCi.Grains.Nodes;
using SglangCi.Grains.Placement;
using SglangCi.Grains.Runs;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Runtimes.Simulated;

namespace SglangCi.Grains.Tests;

/// <summary>The pure pieces the grains rest on, without a cluster.</summary>
public sealed class HelperTests
{
    [Theory]
    [InlineData("20261130T133512Z-grok1-int4-node-a-3fa2c1", "node-a", true)]
    [InlineData("20261130T133512Z-grok1-int4-node-a-3fa2c1", "a", true)]
    [InlineData("20261130T133512Z-grok1-int4-node-a-3fa2c1", "node", false)]
    [InlineData("20261130T133512Z-grok1-int4-node-a-3fa2c1", "int4-node-a", true)]
    [InlineData("manual-run", "run", false)]
    [InlineData("20261130T133512Z-grok1-int4-sim-host.12-3fa2c1", "sim-host", true)]
    [InlineData("20261130T133512Z-grok1-int4-sim-host.12-3fa2c1", "host", true)]
    [InlineData("20261130T133512Z-grok1-int4-sim-host.12-3fa2c1", "sim-host.1", false)]
    [InlineData("20261130T133512Z-qwen2.5-72b-node-a-3fa2c1", "qwen2", false)]
    public void Run_id_names_its_node_from_the_end(string runId, string node, bool expected) =>
        Assert.Equal(expected, NodeNames.RunIdNamesNode(runId, node));

    [Theory]
    [InlineData("mi35x-1", "mi35x-1", true)]
    [InlineData("mi35x-1.3", "mi35x-1", true)]
    [InlineData("mi35x-1.3", "mi35x", false)]
    [InlineData("mi35x-1.a-b", "mi35x-1", false)]
    [InlineData("mi35x-10", "mi35x-1", false)]
    [InlineData("mi35x-1.", "mi35x-1", false)]
    public void A_silo_serves_its_node_and_the_node_s_partitions(string node, string silo, bool expected) =>
        Assert.Equal(expected, NodeNames.ServedBy(node, silo));

    [Fact]
    public void Early_exit_gate_passes_at_the_first_good_trial_else_on_the_mean_of_valid_trials()
    {
        var plan = new Gsm8kPlan(0.9, 3, 100, 10, 5, Gsm8kGateRule.EarlyExit);
        var pass = Gsm8kGateRules.Decide(plan, [Trial(1, 0.85), Trial(2, 0.93)]);
        Assert.True(pass.Passed);
        Assert.Equal(0.93, pass.Accuracy);
        Assert.True(Gsm8kGateRules.StopsAfter(plan, Trial(2, 0.93)));

        // 0.05 is a broken trial, left out of the mean: (0.95 + 0.87) / 2 = 0.91.
        var mean = Gsm8kGateRules.Decide(plan with { Rule = Gsm8kGateRule.Mean }, [Trial(1, 0.95), Trial(2, 0.05), Trial(3, 0.87)]);
        Assert.True(mean.Passed);
        Assert.Equal(0.91, mean.Accuracy!.Value, 6);

        var fail = Gsm8kGateRules.Decide(plan with { Threshold = 0.93 }, [Trial(1, 0.70), Trial(2, 0.724), Trial(3, 0.712)]);
        Assert.False(fail.Passed);
        Assert.Equal("GSM8K gate failed: mean accuracy 0.712 < threshold 0.930", Gsm8kGateRules.FailureReason(fail));
    }

    [Fact]
    public void Allocator_skips_leased_and_busy_gpus()
    {
        var snapshot = new GpuSnapshot(DateTimeOffset.UtcNow,
        [
            new GpuState(0, 0, 0, []),
            new GpuState(1, 50, 0, []),
            new GpuState(2, 0, 0, ["python"]),
            new GpuState(3, 0, 0, []),
            new GpuState(4, 10, 10, []),
        ]);
        var (gpus, _) = GpuAllocator.Pick(2, 5, new HashSet<int> { 0 }, snapshot, 15);
        Assert.Equal([3, 4], gpus);
        var (none, reason) = GpuAllocator.Pick(3, 5, new HashSet<int> { 0 }, snapshot, 15);
        Assert.Null(none);
        Assert.Contains("GPU 1 busy", reason);
        Assert.Contains("processes: python", reason);
    }

    [Fact]
    public void Redaction_removes_the_url_and_its_secret_path()
    {
        const string url = "https://example.webhook.office.com/webhookb2/abc-secret/IncomingWebhook/xyz?sig=token";
        var text = SecretRedaction.Redact($"POST {url} failed; path /webhookb2/abc-secret/IncomingWebhook/xyz?sig=token", url);
        Assert.DoesNotContain("abc-secret", text);
        Assert.DoesNotContain("sig=token", text);
        Assert.Contains(SecretRedaction.Marker, text);
    }

    [Fact]
    public void Point_options_follow_the_load_kind()
    {
        var baseUrl = new Uri("http://127.0.0.1:1/");
        var concurrency = new BenchmarkPlan(LoadKind.Concurrency, [new LoadPoint(16, 64)], 2, 1024, 128, 0.5);
        var byConcurrency = BenchmarkPointMapping.Options(baseUrl, concurrency, concurrency.Points[0], repetition: 1);
        Assert.Equal(16, byConcurrency.MaxConcurrency);
        Assert.True(double.IsPositiveInfinity(byConcurrency.RequestRate));
        Assert.Equal(2, byConcurrency.Seed);
        Assert.Equal(0.5, byConcurrency.RangeRatio);

        var byRate = BenchmarkPointMapping.Options(baseUrl, concurrency with { LoadKind = LoadKind.Rate }, new LoadPoint(2.5, 10), 0);
        Assert.Null(byRate.MaxConcurrency);
        Assert.Equal(2.5, byRate.RequestRate);
        Assert.Equal(1, byRate.Seed);
    }

    [Fact]
    public void Simulator_launch_overrides_apply_preset_environment_and_flags()
    {
        var launch = new EngineLaunch("r", "simulated", "/models/grok-1/", ["--tp", "8", "--trust-remote-code"],
            new Dictionary<string, string> { ["SGLCI_SIM_GSM8K_ACCURACY"] = "0.25", ["SGLCI_SIM_FAIL_STARTUP"] = "1" }, TimeSpan.FromMinutes(1));
        var options = SimulatedLaunchOverrides.Apply(new SglangCi.SimulatedEngine.SimulatedEngineOptions(), launch);
        Assert.Equal("grok-1", options.ModelName);
        Assert.Equal(0.25, options.Gsm8kAccuracy);
        Assert.True(options.Faults.FailStartup);
        Assert.Equal("8", options.ServerArgs!["tp_size"]);
        Assert.Equal("true", options.ServerArgs["trust_remote_code"]);
    }

    private static Gsm8kTrialResult Trial(int n, double accuracy) => new(n, accuracy, 0.01, 1, 100, 100);
}
