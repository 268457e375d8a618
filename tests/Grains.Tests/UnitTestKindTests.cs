using SglangCi.Grains.Runs.Kinds;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Tests;

/// <summary>Unit-test runs end to end through a run grain on the simulated runtime, one per way a test command ends.</summary>
[Collection(ClusterCollection.Name)]
public sealed class UnitTestKindTests(ClusterFixture fixture)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Default_command_runs_the_custom_allreduce_tests_on_the_whole_node_and_stores_the_test_count()
    {
        var (summary, stored) = await RunAsync("unit-ok", options: null);

        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
        Assert.Equal("unit-test", summary.Mode);
        var check = Assert.Single(stored.Checks);
        Assert.Equal(("test_custom_allreduce", CheckStatus.Passed, 2.0), (check.Name, check.Status, check.Value));
        Assert.Matches(@"^Ran 2 tests in \d+\.\d{3}s: OK \(output in commands/[^)]+\)$", check.Detail);
        Assert.NotNull(check.Duration);
        Assert.Equal(
            [RunPhase.Queued, RunPhase.Leased, RunPhase.Gsm8kGate, RunPhase.Benchmark, RunPhase.Collected, RunPhase.Done],
            stored.Phases.Select(p => p.Phase));
        Assert.Null(stored.Gsm8k);

        var lease = Assert.Single(await Grains.GetGrain<IGpuNodeGrain>("unit-ok-node").GetLeaseHistory(), h => h.RunId == summary.Id);
        Assert.Equal(8, lease.Gpus.Count); // the whole node
    }

    [Theory]
    [InlineData("fail", "test_custom_allreduce: 1 of 2 tests failed (failures=1)")]
    [InlineData("error", "test_custom_allreduce: 2 of 2 tests failed (errors=2)")]
    [InlineData("crash", "test_custom_allreduce: killed (exit 137, out of memory?)")]
    public async Task Failing_tests_fail_the_run_with_what_went_wrong(string fault, string reason)
    {
        var (summary, stored) = await RunAsync($"unit-{fault}", new RunOptions { Command = Allreduce($"SGLCI_SIM_UNITTEST={fault}") });

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.Equal(reason, summary.Reason);
        var check = Assert.Single(stored.Checks);
        Assert.Equal(("test_custom_allreduce", CheckStatus.Failed), (check.Name, check.Status));
        Assert.Contains("output in commands/", check.Detail);
        Assert.Equal(fault == "crash" ? null : 2.0, check.Value);
    }

    [Fact]
    public async Task Hung_test_is_stopped_at_the_timeout_and_stored_as_timed_out()
    {
        var (summary, stored) = await RunAsync(
            "unit-hang", new RunOptions { Command = Allreduce("SGLCI_SIM_UNITTEST=hang"), Timeout = TimeSpan.FromSeconds(2) });

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.Equal("test_custom_allreduce: timed out after 2 s", summary.Reason);
        var check = Assert.Single(stored.Checks);
        Assert.Equal((CheckStatus.TimedOut, (double?)null), (check.Status, check.Value));
        Assert.True(check.Duration >= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Command_that_prints_no_test_summary_fails_with_its_exit_code()
    {
        var (summary, stored) = await RunAsync("unit-nosummary", new RunOptions { Command = ["python3", "-m", "sglang.check_env"] });

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.Equal("unit-test: no unittest summary in the output; exit code 127", summary.Reason);
        Assert.Equal(("unit-test", CheckStatus.Failed), (Assert.Single(stored.Checks).Name, stored.Checks[0].Status));
    }

    [Fact]
    public async Task Pytest_command_is_parsed_from_pytests_summary_line()
    {
        var (summary, stored) = await RunAsync("unit-pytest", new RunOptions { Command = ["python3", "-m", "pytest", "-x", "test/srt/test_radix_cache.py"] });

        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
        var check = Assert.Single(stored.Checks);
        Assert.Equal(("test_radix_cache", CheckStatus.Passed, 1.0), (check.Name, check.Status, check.Value));
        Assert.StartsWith("1 passed in ", check.Detail);
    }

    [Fact]
    public void Default_command_is_the_old_nightlys()
    {
        Assert.Equal(
            ["sh", "-c", "cd /sgl-workspace/sglang/test/manual && CUDA_VISIBLE_DEVICES=0,1,2,3,4,5,6,7 python3 -m unittest test_custom_allreduce.TestCustomAllReduce"],
            UnitTestDefaults.Command);
        Assert.Equal(TimeSpan.FromMinutes(30), UnitTestDefaults.Timeout);
    }

    [Theory]
    [InlineData(0, "Ran 3 tests in 1.0s\n\nOK (skipped=1)\n", CheckStatus.Passed, null)]
    [InlineData(1, "Ran 5 tests in 1.0s\n\nFAILED (failures=1, errors=1)\n", CheckStatus.Failed, "t: 2 of 5 tests failed (failures=1, errors=1)")]
    [InlineData(139, "Ran 2 tests in 1.0s\n\nOK\n", CheckStatus.Failed, "t: the tests passed but the command exited 139")]
    [InlineData(0, "Ran 2 tests in 1.0s\n", CheckStatus.Failed, "t: no verdict after 'Ran 2 tests in 1.0s'; exit code 0")]
    [InlineData(5, "===== no tests ran in 0.01s =====\n", CheckStatus.Failed, "t: no tests ran; exit code 5")]
    public void Verdict_needs_exit_code_zero_and_a_summary_that_says_ok(int exitCode, string output, CheckStatus status, string? reason)
    {
        var exec = new EngineExec("x", EngineExecStatus.Exited, exitCode, output, null, null);
        var (check, outcome) = UnitTestVerdicts.Judge("t", exec, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(1), "commands/t");

        Assert.Equal(status, check.Status);
        Assert.Equal(reason, outcome.Reason);
        Assert.Equal(reason is null ? RunStatus.Succeeded : RunStatus.Failed, outcome.Status);
    }

    [Fact]
    public void No_answer_from_the_node_is_a_timeout_in_minutes()
    {
        var (check, outcome) = UnitTestVerdicts.Judge("t", null, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(31), null);
        Assert.Equal((CheckStatus.TimedOut, "timed out after 30 min"), (check.Status, check.Detail));
        Assert.Equal("t: timed out after 30 min", outcome.Reason);
    }

    private static IReadOnlyList<string> Allreduce(string environment) =>
        ["sh", "-c", $"cd /sgl-workspace/sglang/test/manual && {environment} CUDA_VISIBLE_DEVICES=0,1,2,3,4,5,6,7 python3 -m unittest test_custom_allreduce.TestCustomAllReduce"];

    private async Task<(RunSummary Summary, RunDetails Stored)> RunAsync(string name, RunOptions? options)
    {
        var node = $"{name}-node";
        await Grains.GetGrain<IGpuNodeGrain>(node).Configure(TestPresets.Node(node));
        var id = RunIds.Create("unit-test", node, DateTimeOffset.UtcNow);
        var run = Grains.GetGrain<IRunGrain>(id);
        var queued = await run.Start(new RunRequest("", node, RunMode.UnitTest, null, null, "test") { Options = options });
        Assert.False(queued.Status.IsTerminal(), queued.Reason);

        var summary = (await Eventually.Until(run.GetSummary, s => s is not null && s.Status.IsTerminal(), RunTimeout, "run end"))!;
        var nodeGrain = Grains.GetGrain<IGpuNodeGrain>(node);
        await Eventually.Until(nodeGrain.GetStatus, s => s.ActiveLeases.Count == 0 && s.QueuedRuns.Count == 0, TimeSpan.FromSeconds(15), "lease release");
        Assert.Equal(summary.Status.ToString().ToLowerInvariant(), Assert.Single(await nodeGrain.GetLeaseHistory(), h => h.RunId == id).EndReason);
        return (summary, (await fixture.Results.GetRunAsync(id, CancellationToken.None))!);
    }
}
