using System.Net.Http.Json;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using SglangCi.Grains.Runtime;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>
/// The Docker runtime against a real dockerd, with the simulated engine's image built locally
/// (<see cref="SimulatedEngineImage"/>): servers on the host network at 127.0.0.1, readiness, generation, commands by
/// docker exec, and every failure ending with a clear reason and no container left.
/// </summary>
[Trait("Category", "Docker")]
public sealed class DockerRuntimeTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(3);

    [DockerFact]
    public async Task Server_starts_answers_generate_runs_commands_and_leaves_nothing_when_stopped()
    {
        await using var node = new DockerTestNode();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var image = await SimulatedEngineImage.EnsureAsync(node.Client, timeout.Token);
        var launch = node.Launch(image, ["--tp", "2", "--startup-delay-s", "0.5"]);

        var server = await node.Runtime.StartAsync(node.Node, launch, [2, 3], timeout.Token);
        try
        {
            Assert.Equal("127.0.0.1", server.BaseUrl.Host);
            Assert.True(server.BaseUrl.Port >= node.Options.FirstServerPort);
            var container = Assert.Single(await node.ContainersAsync());
            Assert.Equal(launch.RunId, container.Labels[DockerLabels.RunId]);
            Assert.Equal(DockerLabels.ServerRole, container.Labels[DockerLabels.Role]);
            Assert.Equal("running", container.State);

            using var http = new HttpClient { BaseAddress = server.BaseUrl };
            using var response = await http.PostAsJsonAsync("generate", new { text = "The capital of France is", sampling_params = new { max_new_tokens = 8 } }, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            Assert.True(response.IsSuccessStatusCode, body);
            Assert.Contains("\"text\"", body, StringComparison.Ordinal);

            Assert.Equal(node.Logs.ServerLog(launch.RunId), server.LogPath);
            var log = await File.ReadAllTextAsync(server.LogPath!, timeout.Token);
            Assert.Contains("The server is fired up and ready to roll!", log, StringComparison.Ordinal);
            Assert.Contains($"starting container {server.ServerId}", log, StringComparison.Ordinal);
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.Empty(await node.ContainersAsync());
        Assert.Contains($"container {server.ServerId} removed", await File.ReadAllTextAsync(server.LogPath!, timeout.Token), StringComparison.Ordinal);
    }

    [DockerFact]
    public async Task Exec_streams_stdout_and_stderr_into_the_log_and_returns_the_exit_code()
    {
        await using var node = new DockerTestNode();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var image = await SimulatedEngineImage.EnsureAsync(node.Client, timeout.Token);
        var launch = node.Launch(image, []) with { Environment = new Dictionary<string, string> { ["GREETING"] = "hello from the preset" } };
        var logPath = Path.Combine(node.LogRoot, "commands", "001-sh.log");

        var result = await node.Runtime.ExecAsync(
            node.Node, launch, [0, 1], ["sh", "-c", "echo \"$GREETING\"; echo \"gpus=$HIP_VISIBLE_DEVICES\"; echo oops >&2; exit 3"], logPath, timeout.Token);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("hello from the preset", result.Output, StringComparison.Ordinal);
        Assert.Contains("oops", result.Output, StringComparison.Ordinal);
        var log = await File.ReadAllTextAsync(logPath, timeout.Token);
        Assert.Contains("hello from the preset", log, StringComparison.Ordinal);
        Assert.Contains("oops", log, StringComparison.Ordinal);
        Assert.Empty(await node.ContainersAsync());

        var oneBatch = await node.Runtime.ExecAsync(
            node.Node, launch, [0], ["python3", "-m", "sglang.bench_one_batch", "--batch-size", "1", "8", "--input-len", "128", "--output-len", "8"],
            Path.Combine(node.LogRoot, "commands", "002-bench_one_batch.log"), timeout.Token);
        Assert.True(oneBatch.ExitCode == 0, oneBatch.Output);
        Assert.Contains("Benchmark", oneBatch.Output, StringComparison.OrdinalIgnoreCase);

        var missing = await node.Runtime.ExecAsync(node.Node, launch, [0], ["no-such-tool"], Path.Combine(node.LogRoot, "commands", "003-x.log"), timeout.Token);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Empty(await node.ContainersAsync());
    }

    [DockerFact]
    public async Task A_container_that_exits_while_starting_fails_with_its_log_tail_and_is_removed()
    {
        await using var node = new DockerTestNode();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var image = await SimulatedEngineImage.EnsureAsync(node.Client, timeout.Token);

        var error = await Assert.ThrowsAsync<EngineStartException>(() =>
            node.Runtime.StartAsync(node.Node, node.Launch(image, ["--fail-startup"]), [0], timeout.Token));

        Assert.Contains("exited with code 1 while the server was starting", error.Message, StringComparison.Ordinal);
        Assert.Contains("Simulated startup failure", error.Message, StringComparison.Ordinal);
        Assert.Empty(await node.ContainersAsync());
        Assert.Equal(0, node.Runtime.RunningEngines);
    }

    [DockerFact]
    public async Task A_server_that_is_not_ready_in_time_fails_clearly_and_is_removed()
    {
        await using var node = new DockerTestNode();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var image = await SimulatedEngineImage.EnsureAsync(node.Client, timeout.Token);
        var launch = node.Launch(image, ["--startup-delay-s", "120"], startupTimeout: TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<EngineStartException>(() => node.Runtime.StartAsync(node.Node, launch, [0], timeout.Token));

        Assert.Contains("did not become ready within 3 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("/health_generate", error.Message, StringComparison.Ordinal);
        Assert.Empty(await node.ContainersAsync());
        Assert.Contains("start failed", await File.ReadAllTextAsync(node.Logs.ServerLog(launch.RunId), timeout.Token), StringComparison.Ordinal);
    }

    [DockerFact]
    public async Task A_tag_the_registry_does_not_have_fails_at_once_naming_it()
    {
        await using var node = new DockerTestNode(o => o.PullRetries = 2);
        using var registry = new FakeRegistry();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var image = $"{registry.Host}/sglang-ci/no-such-image:v0.0.0-missing";

        var error = await Assert.ThrowsAsync<EngineStartException>(() =>
            node.Runtime.StartAsync(node.Node, node.Launch(image, []), [0], timeout.Token));

        Assert.Contains($"image '{image}' does not exist or may not be pulled", error.Message, StringComparison.Ordinal);
        Assert.Contains("manifest unknown", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(registry.ManifestRequests, 1, 2);  // one pull (the daemon may ask twice), no retries
        Assert.Empty(await node.ContainersAsync());
    }

    [DockerFact]
    public async Task Reconcile_removes_the_nodes_leftover_containers_and_leaves_others_alone()
    {
        await using var node = new DockerTestNode();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var image = await SimulatedEngineImage.EnsureAsync(node.Client, timeout.Token);
        var client = node.Client;
        var leftover = DockerContainerSpecBuilder.Build(node.Options, new DockerContainerRequest(
            DockerContainerNames.For(node.Node.Name, "crashed-run", DockerLabels.ServerRole), node.Node, node.Launch(image, [], runId: "crashed-run"),
            [0], ["tail", "-f", "/dev/null"], DockerLabels.ServerRole, GpuVendor.None));
        var foreignName = $"sglci-test-foreign-{Guid.NewGuid().ToString("N")[..8]}";
        var leftoverId = (await client.Containers.CreateContainerAsync(leftover, timeout.Token)).ID;
        var foreignId = (await client.Containers.CreateContainerAsync(
            new CreateContainerParameters { Name = foreignName, Image = image, Cmd = ["tail", "-f", "/dev/null"], HostConfig = new HostConfig { NetworkMode = "host" } }, timeout.Token)).ID;
        try
        {
            await client.Containers.StartContainerAsync(leftoverId, new ContainerStartParameters(), timeout.Token);
            await client.Containers.StartContainerAsync(foreignId, new ContainerStartParameters(), timeout.Token);

            var removed = await new DockerReconciler(node.Connection, NullLogger<DockerReconciler>.Instance).ReconcileAsync(node.Node.Name, timeout.Token);

            Assert.Equal([leftover.Name], removed);
            Assert.Empty(await node.ContainersAsync());
            var foreign = await client.Containers.InspectContainerAsync(foreignId, timeout.Token);
            Assert.True(foreign.State.Running);
        }
        finally
        {
            await client.Containers.RemoveContainerAsync(foreignId, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }
}
