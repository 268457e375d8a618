using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Hosting;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>
/// Whole benchmark runs through the RunGrain on a node whose runtime is Docker: a silo in this process (the product's
/// hosting, SQLite in a temp folder, the seeded presets), the simulated engine's image on the real dockerd, host
/// networking on 127.0.0.1, the GSM8K set mounted into the container. Online: image check, container, readiness,
/// GSM8K gate, sweep, logs, teardown; offline: bench_one_batch by docker exec. No container of the node is left.
/// </summary>
[Trait("Category", "Docker")]
public sealed class DockerRunEndToEndTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    [DockerFact]
    public async Task Online_and_offline_runs_on_a_docker_node_succeed_end_to_end_and_leave_no_container()
    {
        var layout = RepositoryLayout.Discover();
        Assert.True(File.Exists(layout.Gsm8kDataset), $"the GSM8K set is missing at {layout.Gsm8kDataset}");
        await using var node = new DockerTestNode();
        var image = await SimulatedEngineImage.EnsureAsync(node.Client);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "sglci-docker-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        var ports = FreePorts.Take(3);

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["SglangCi:DataDir"] = dataDirectory,
            ["SglangCi:Cluster:NodeName"] = node.Node.Name,
            ["SglangCi:Cluster:SiloPort"] = $"{ports[0]}",
            ["SglangCi:Cluster:GatewayPort"] = $"{ports[1]}",
            ["SglangCi:FirstStart:Seed"] = "true",
            ["SglangCi:FirstStart:RunNight"] = "false",
            ["SglangCi:Gsm8k:DatasetPath"] = layout.Gsm8kDataset,
            ["SglangCi:Docker:FirstServerPort"] = $"{ports[2]}",
            ["SglangCi:Docker:ReadinessPollInterval"] = "00:00:00.200",
            ["SglangCi:Docker:StopTimeout"] = "00:00:05",
            ["SglangCi:Docker:ShmSizeBytes"] = $"{256L << 20}",
            ["SglangCi:Docker:PullRetries"] = "0",
            ["SglangCi:Docker:Mounts:0"] = $"{Path.GetDirectoryName(layout.Gsm8kDataset)}:{Path.GetDirectoryName(SimulatedEngineImage.Gsm8kPathInImage)}:ro",
        });
        builder.AddSglangCiSilo();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            await Eventually(async () => await grains.GetGrain<IModelPresetGrain>("grok1-int4").Get() is not null, TimeSpan.FromSeconds(60), "seeded presets");
            await grains.GetGrain<IGpuNodeGrain>(node.Node.Name).Configure(node.Node);

            var online = await RunAsync(grains, node.Node.Name, image, RunMode.Online);
            Assert.True(online.Summary.Status == RunStatus.Succeeded, online.Summary.Reason);
            var details = (await online.Run.GetDetails())!;
            Assert.Contains(details.Phases, p => p.Phase == RunPhase.ServerUp && p.Status == PhaseStatus.Succeeded);
            Assert.True(details.Gsm8k?.Passed, "GSM8K gate");
            Assert.NotEmpty(details.Points);
            Assert.All(details.Points, p => Assert.True(p.Completed > 0));
            var logs = await online.Run.GetLogs();
            Assert.Contains(logs.Logs, l => l.Name == "server" && l.Length > 0);
            var serverLog = await online.Run.ReadLog("server", 0, 1 << 20);
            Assert.Contains("The server is fired up and ready to roll!", serverLog!.Text, StringComparison.Ordinal);
            Assert.Contains("sglci-" + node.Node.Name, serverLog.Text, StringComparison.Ordinal);

            var offline = await RunAsync(grains, node.Node.Name, image, RunMode.Offline);
            Assert.True(offline.Summary.Status == RunStatus.Succeeded, offline.Summary.Reason);
            Assert.NotEmpty((await offline.Run.GetDetails())!.Offline);

            await Eventually(async () => (await node.ContainersAsync()).Count == 0, TimeSpan.FromSeconds(30), "no container left");
        }
        finally
        {
            await host.StopAsync();
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    private static async Task<(IRunGrain Run, RunSummary Summary)> RunAsync(IGrainFactory grains, string nodeName, string image, RunMode mode)
    {
        var run = grains.GetGrain<IRunGrain>(RunIds.Create("grok1-int4", nodeName, DateTimeOffset.UtcNow));
        await run.Start(new RunRequest("grok1-int4", nodeName, mode, image, null, "docker end-to-end test"));
        RunSummary? summary = null;
        await Eventually(async () => (summary = await run.GetSummary()) is { } s && s.Status.IsTerminal(), RunTimeout, $"{mode} run end");
        return (run, summary!);
    }

    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(250);
        }
    }
}
