using SglangCi.Grains.Runs.Kinds;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Upstream.Tests;

namespace SglangCi.Grains.Tests;

/// <summary>Upstream-test runs end to end through a run grain on the simulated runtime, and the per-test verdicts.</summary>
[Collection(ClusterCollection.Name)]
public sealed class UpstreamTestKindTests(ClusterFixture fixture)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Every_test_gets_its_check_and_log_and_the_summary_counts_passed_failed_and_timed_out()
    {
        var options = new RunOptions
        {
            Tests = ["test_abort.py", "lora/test_lora.py", "test_hang.py", "test/registered/core/test_srt_engine.py"],
            Timeout = TimeSpan.FromSeconds(2),
            Gpus = 2,
            Environment = new Dictionary<string, string> { ["SGLCI_SIM_UNITTEST_BY_MODULE"] = "test_lora=fail,test_hang=hang" },
        };

        var (summary, stored) = await RunAsync("upstream-mixed", options);

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.Equal("upstream-test", summary.Mode);
        Assert.Equal("2 of 4 upstream tests did not pass: lora/test_lora.py failed, test_hang.py timed out", summary.Reason);
        Assert.Equal(
            [("test_abort.py", CheckStatus.Passed), ("lora/test_lora.py", CheckStatus.Failed), ("test_hang.py", CheckStatus.TimedOut),
             ("test/registered/core/test_srt_engine.py", CheckStatus.Passed), (UpstreamTestVerdicts.SummaryName, CheckStatus.Failed)],
            stored.Checks.Select(c => (c.Name, c.Status)));
        Assert.Equal("2 passed, 1 failed, 1 timed out (of 4)", stored.Checks[^1].Detail);
        Assert.Equal(4.0, stored.Checks[^1].Value);
        Assert.Contains("(output in commands/", stored.Checks[0].Detail);
        Assert.Contains("1 of 1 tests failed (failures=1)", stored.Checks[1].Detail);
        Assert.StartsWith("timed out after 2 s (output in commands/", stored.Checks[2].Detail, StringComparison.Ordinal);

        // One log per test that printed something, plus the whole batch's.
        var logs = await Grains.GetGrain<IRunGrain>(summary.Id).GetLogs();
        var names = logs.Logs.Select(l => l.Name).ToArray();
        Assert.Contains(names, n => n.Contains("upstream-tests", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("upstream-1-test_abort", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("upstream-2-lora-test_lora", StringComparison.Ordinal));

        var lease = Assert.Single(await Grains.GetGrain<IGpuNodeGrain>("upstream-mixed-node").GetLeaseHistory(), h => h.RunId == summary.Id);
        Assert.Equal(2, lease.Gpus.Count);
    }

    [Fact]
    public async Task All_tests_passing_succeeds_on_the_whole_node()
    {
        var (summary, stored) = await RunAsync("upstream-ok", new RunOptions { Tests = ["test_abort.py", "test_metrics.py"] });

        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
        Assert.Equal("2 passed, 0 failed, 0 timed out (of 2)", stored.Checks[^1].Detail);
        var lease = Assert.Single(await Grains.GetGrain<IGpuNodeGrain>("upstream-ok-node").GetLeaseHistory(), h => h.RunId == summary.Id);
        Assert.Equal(8, lease.Gpus.Count);
    }

    [Theory]
    [InlineData("none", null, "an upstream test job needs at least one test file (--test test_abort.py)")]
    [InlineData("dots", "../etc/passwd.py", "test '../etc/passwd.py' has an empty, '.' or '..' path part")]
    [InlineData("semicolon", "test_x.py;reboot", "test 'test_x.py;reboot' is not a Python file (expected a path ending in .py, e.g. test_abort.py)")]
    [InlineData("space", "test x.py", "test 'test x.py' contains ' '; only letters, digits, '_', '-', '.' and '/' are allowed")]
    public async Task Bad_test_lists_fail_before_anything_runs(string name, string? test, string reason)
    {
        var (summary, stored) = await RunAsync($"upstream-bad-{name}", new RunOptions { Tests = test is null ? null : [test] });

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.EndsWith(reason, summary.Reason, StringComparison.Ordinal);
        Assert.Empty(stored.Checks);
    }

    [Fact]
    public void A_test_the_batch_never_reached_failed_and_says_why()
    {
        var check = UpstreamTestVerdicts.Judge(UpstreamTestFile.Parse("test_b.py"), null, TimeSpan.FromMinutes(30), null, "lease lost");

        Assert.Equal(("test_b.py", CheckStatus.Failed, "not run: lease lost"), (check.Name, check.Status, check.Detail));
    }

    [Fact]
    public void A_test_left_unfinished_failed_and_points_at_its_log()
    {
        var section = new UpstreamTestSection(1, "test_b.py", "test_x ... ", null, null);

        var check = UpstreamTestVerdicts.Judge(UpstreamTestFile.Parse("test_b.py"), section, TimeSpan.FromMinutes(30), "commands/upstream-1-test_b", "the node restarted");

        Assert.Equal((CheckStatus.Failed, "did not finish: the node restarted (output in commands/upstream-1-test_b)"), (check.Status, check.Detail));
    }

    [Theory]
    [InlineData(124, 1800, CheckStatus.TimedOut)]
    [InlineData(143, 1799, CheckStatus.TimedOut)]
    [InlineData(137, 1860, CheckStatus.TimedOut)]
    [InlineData(137, 40, CheckStatus.Failed)] // killed early: the out-of-memory killer, not the timeout
    [InlineData(1, 1800, CheckStatus.Failed)]
    public void Timeout_is_told_from_the_exit_code_and_the_time_used(int exitCode, long seconds, CheckStatus expected)
    {
        var section = new UpstreamTestSection(1, "test_b.py", "Ran 1 test in 1.0s\n\nFAILED (failures=1)\n", exitCode, seconds);

        var check = UpstreamTestVerdicts.Judge(UpstreamTestFile.Parse("test_b.py"), section, TimeSpan.FromMinutes(30), null, null);

        Assert.Equal(expected, check.Status);
    }

    private async Task<(RunSummary Summary, RunDetails Stored)> RunAsync(string name, RunOptions options)
    {
        var node = $"{name}-node";
        await Grains.GetGrain<IGpuNodeGrain>(node).Configure(TestPresets.Node(node));
        var id = RunIds.Create("upstream-test", node, DateTimeOffset.UtcNow);
        var run = Grains.GetGrain<IRunGrain>(id);
        await run.Start(new RunRequest("", node, RunMode.UpstreamTest, "rocm/sgl-dev:test", null, "test") { Options = options });

        var summary = (await Eventually.Until(run.GetSummary, s => s is not null && s.Status.IsTerminal(), RunTimeout, "run end"))!;
        var nodeGrain = Grains.GetGrain<IGpuNodeGrain>(node);
        await Eventually.Until(nodeGrain.GetStatus, s => s.ActiveLeases.Count == 0 && s.QueuedRuns.Count == 0, TimeSpan.FromSeconds(15), "lease release");
        return (summary, (await fixture.Results.GetRunAsync(id, CancellationToken.None))!);
    }
}
