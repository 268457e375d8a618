using System.Text.Json;
using SglangCi.Integration.Tests.Docker;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Integration.Tests.RunKinds;

/// <summary>
/// <c>upstream-test</c> end to end on a silo hosted as the product hosts it: through the CLI on a simulated node, and
/// through the run grain on a Docker node (the simulated engine's image: its <c>python3 -m unittest</c> prints what a test
/// run prints, its busybox <c>timeout</c> and <c>sh</c> run the real batch script). One test passes, one fails, one hangs
/// past its timeout, and each gets its own check and log; no container is left.
/// </summary>
public sealed class UpstreamTestRunTests
{
    private const string Faults = "SGLCI_SIM_UNITTEST_BY_MODULE=test_fail_b=fail,test_hang_c=hang";

    [Fact]
    public async Task Cli_runs_upstream_tests_on_a_simulated_node_and_prints_every_tests_result()
    {
        await using var silo = await InProcessSilo.StartAsync(new Dictionary<string, string?>());
        var node = await silo.AddNodeAsync("upstream-sim", EngineRuntimeKind.Simulated);
        var cli = new CliRunner(RepositoryLayout.Discover().CliAssembly, ["--gateway", silo.Gateway]);

        var result = await cli.RunAsync(
            TimeSpan.FromMinutes(2),
            "upstream-test", "--node", node.Name, "--image", "rocm/sgl-dev:test", "--test", "test_ok_a.py", "--test", "test_fail_b.py",
            "--test", "test_hang_c.py", "--timeout", "2", "--gpus", "4", "--env", Faults, "--wait", "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.Equal("upstream-test", root.GetProperty("mode").GetString());
        Assert.Equal("failed", root.GetProperty("status").GetString());
        Assert.Equal("2 of 3 upstream tests did not pass: test_fail_b.py failed, test_hang_c.py timed out", root.GetProperty("reason").GetString());
        var checks = root.GetProperty("checks").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("status").GetString())).ToArray();
        Assert.Equal(
            [("test_ok_a.py", "passed"), ("test_fail_b.py", "failed"), ("test_hang_c.py", "timedout"), ("upstream tests", "failed")],
            checks);

        var refused = await cli.RunAsync(TimeSpan.FromMinutes(1), "upstream-test", "--node", node.Name, "--image", "x", "--test", "../x.py");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--test: test '../x.py' has an empty, '.' or '..' path part", refused.StandardError, StringComparison.Ordinal);

        var reserved = await cli.RunAsync(TimeSpan.FromMinutes(1), "upstream-test", "--node", node.Name, "--image", "x", "--test", "test_ok_a.py", "--env", "LD_PRELOAD=/x.so");
        Assert.Equal(2, reserved.ExitCode);
        Assert.Contains("--env 'LD_PRELOAD' is not allowed", reserved.StandardError, StringComparison.Ordinal);
    }

    [DockerFact]
    [Trait("Category", "Docker")]
    public async Task Docker_node_runs_the_batch_in_one_container_with_per_test_timeouts_and_logs()
    {
        await using var scratchNode = new DockerTestNode();
        var image = await SimulatedEngineImage.EnsureAsync(scratchNode.Client);
        await using var silo = await InProcessSilo.StartAsync(new Dictionary<string, string?>
        {
            ["SglangCi:Docker:GpuVendor"] = "None",
            ["SglangCi:Docker:ShmSizeBytes"] = $"{64L << 20}",
            ["SglangCi:Docker:PullRetries"] = "0",
        });
        var node = await silo.AddNodeAsync(scratchNode.Node.Name, EngineRuntimeKind.Docker);
        var options = new RunOptions
        {
            Tests = ["test_ok_a.py", "test_fail_b.py", "test_hang_c.py"],
            Timeout = TimeSpan.FromSeconds(3),
            Environment = new Dictionary<string, string> { [Faults.Split('=', 2)[0]] = Faults.Split('=', 2)[1] },
        };

        var (summary, details) = await silo.RunAsync(node.Name, RunMode.UpstreamTest, options: options, image: image);

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.Equal("2 of 3 upstream tests did not pass: test_fail_b.py failed, test_hang_c.py timed out", summary.Reason);
        Assert.Equal(
            [("test_ok_a.py", CheckStatus.Passed), ("test_fail_b.py", CheckStatus.Failed), ("test_hang_c.py", CheckStatus.TimedOut), ("upstream tests", CheckStatus.Failed)],
            details.Checks.Select(c => (c.Name, c.Status)));
        Assert.Equal("1 passed, 1 failed, 1 timed out (of 3)", details.Checks[^1].Detail);
        Assert.True(details.Checks[2].Duration >= TimeSpan.FromSeconds(2), $"the hung test ended after {details.Checks[2].Duration}");

        var missing = await silo.RunAsync(node.Name, RunMode.UpstreamTest, options: options with { SglangPath = "/nowhere/sglang" }, image: image);
        Assert.Equal(RunStatus.Failed, missing.Summary.Status);
        Assert.Equal($"no SGLang checkout at /nowhere/sglang in image {image} (set the path with --sglang-path)", missing.Summary.Reason);

        await EventuallyNoContainerAsync(scratchNode);
    }

    private static async Task EventuallyNoContainerAsync(DockerTestNode node)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await node.ContainersAsync()).Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "a container of the node is left");
            await Task.Delay(250);
        }
    }
}
