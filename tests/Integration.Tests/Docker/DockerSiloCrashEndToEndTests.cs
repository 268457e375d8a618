using System.Text.Json;
using Docker.DotNet.Models;
using SglangCi.Cli.Cluster;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Runtimes.Docker;
using Xunit.Abstractions;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>
/// The dashboard process (with its silo) is killed while a run's engine container is up on a Docker node: the container
/// outlives the process (dockerd owns it); when the process starts again on the same data directory and node name, the
/// start-up reconcile removes it, the run ends failed with reason <c>interrupted</c> (or succeeds) and no lease is left.
/// </summary>
[Trait("Category", "Docker")]
[Collection(EndToEndCollection.Name)]
public sealed class DockerSiloCrashEndToEndTests(ITestOutputHelper output) : WebAppTest
{
    private const string Preset = "grok1-int4";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    [DockerFact]
    public async Task A_silo_killed_with_a_container_up_removes_it_on_restart_and_ends_the_run_interrupted()
    {
        await using var node = new DockerTestNode();
        var image = await SimulatedEngineImage.EnsureAsync(node.Client);
        var settings = new Dictionary<string, string>(NoFirstNight)
        {
            ["SglangCi__Cluster__NodeName"] = node.Node.Name,
            ["SglangCi__Docker__FirstServerPort"] = $"{node.Options.FirstServerPort}",
            ["SglangCi__Docker__ReadinessPollInterval"] = "00:00:00.200",
            ["SglangCi__Docker__StopTimeout"] = "00:00:05",
            ["SglangCi__Docker__ShmSizeBytes"] = $"{256L << 20}",
            ["SglangCi__Docker__PullRetries"] = "0",
            ["SglangCi__Docker__GpuVendor"] = "None",
            ["SglangCi__Docker__Mounts__0"] = $"{Path.GetDirectoryName(Layout.Gsm8kDataset)}:{Path.GetDirectoryName(SimulatedEngineImage.Gsm8kPathInImage)}:ro",
        };
        if (Environment.GetEnvironmentVariable(DockerRuntimeOptions.DockerHostVariable) is null)
        {
            settings["SglangCi__Docker__Endpoint"] = DockerAvailability.Endpoint.ToString();
        }

        var cli = await StartWebAsync(settings);
        var runId = RunIds.Create(Preset, node.Node.Name, DateTimeOffset.UtcNow);
        await using (var cluster = await ClusterConnection.ConnectAsync(new ClusterTarget.Gateway(new GatewayEndpoint("127.0.0.1", Web!.GatewayPort)), CancellationToken.None))
        {
            await cluster.Client.GetGrain<IGpuNodeGrain>(node.Node.Name).Configure(node.Node);
            await cluster.Client.GetGrain<IRunGrain>(runId).Start(new RunRequest(Preset, node.Node.Name, RunMode.Online, image, null, "silo crash test"));
        }

        await WaitUntilAsync(async () => (await node.ContainersAsync()).Any(c => c.State == "running"), "the run's engine container to be running");
        await Web.KillAsync();
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} killed the silo with the container of {runId} up");
        var leftover = Assert.Single(await node.ContainersAsync());
        Assert.Equal(runId, leftover.Labels[DockerLabels.RunId]);

        cli = await StartWebAsync(settings);
        // The reconcile runs before the silo serves, so the container is gone by the time /healthz answers.
        await WaitUntilAsync(async () => (await node.ContainersAsync()).Count == 0, "the start-up reconcile to remove the leftover container");
        Assert.Empty(await node.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = new Dictionary<string, IDictionary<string, bool>> { ["id"] = new Dictionary<string, bool> { [leftover.ID] = true } } }));

        JsonElement? final = null;
        await WaitUntilAsync(async () =>
        {
            var shown = await cli.RunAsync(TimeSpan.FromSeconds(60), "show", runId, "--json");
            final = shown.ExitCode == 0 ? JsonDocument.Parse(shown.StandardOutput).RootElement : null;
            return final?.GetProperty("status").GetString() is "succeeded" or "failed" or "skipped";
        }, $"run {runId} to end after the restart");
        var status = final!.Value.GetProperty("status").GetString();
        var reason = final.Value.GetProperty("reason").GetString();
        output.WriteLine($"after restart: {status} ({reason})");
        Assert.True(status == "succeeded" || (status == "failed" && reason == "interrupted"), $"a run whose silo was killed must end failed/interrupted or succeed, not {status} ({reason})");

        await WaitUntilAsync(async () =>
        {
            var listed = await cli.RunAsync(TimeSpan.FromSeconds(60), "nodes", "--json");
            var entry = JsonDocument.Parse(listed.StandardOutput).RootElement.EnumerateArray().Single(n => n.GetProperty("name").GetString() == node.Node.Name);
            return entry.GetProperty("leases").GetArrayLength() == 0 && entry.GetProperty("queue").GetArrayLength() == 0;
        }, $"node {node.Node.Name} to hold no lease and no queued run");
        Assert.Empty(await node.ContainersAsync());
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + StepTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        Assert.Fail($"timed out after {StepTimeout} waiting for {what}\n--- web ---\n{Web?.CapturedOutput}");
    }
}
