using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Hosting;

namespace SglangCi.Integration.Tests.Processes;

/// <summary>
/// Whole benchmark runs through the RunGrain on a node whose runtime is Process: a silo in this process (the product's
/// hosting, SQLite in a temp folder, the seeded presets) whose <c>SglangCi:Process:Python</c> is the
/// <see cref="SimulatedEngineShim"/> (with the GSM8K set). Online: server process, readiness, GSM8K gate, sweep, logs,
/// teardown; offline: bench_one_batch as a local process. No process of the runs is left.
/// </summary>
[Trait("Category", "Process")]
public sealed class ProcessRunEndToEndTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Online_and_offline_runs_on_a_process_node_succeed_end_to_end_and_leave_no_process()
    {
        var layout = RepositoryLayout.Discover();
        Assert.True(File.Exists(layout.Gsm8kDataset), $"the GSM8K set is missing at {layout.Gsm8kDataset}");
        using var shim = new SimulatedEngineShim(layout.Gsm8kDataset);
        var node = new NodeInventory($"process-e2e-{Guid.NewGuid().ToString("N")[..8]}", "sim", "localhost", 8, EngineRuntimeKind.Process);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "sglci-process-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        var ports = FreePorts.Take(3);

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["SglangCi:DataDir"] = dataDirectory,
            ["SglangCi:Cluster:NodeName"] = node.Name,
            ["SglangCi:Cluster:SiloPort"] = $"{ports[0]}",
            ["SglangCi:Cluster:GatewayPort"] = $"{ports[1]}",
            ["SglangCi:FirstStart:Seed"] = "true",
            ["SglangCi:FirstStart:RunNight"] = "false",
            ["SglangCi:Gsm8k:DatasetPath"] = layout.Gsm8kDataset,
            ["SglangCi:Docker:ReconcileOnStart"] = "false",
            ["SglangCi:Process:Python"] = shim.Python,
            ["SglangCi:Process:FirstServerPort"] = $"{ports[2]}",
            ["SglangCi:Process:ReadinessPollInterval"] = "00:00:00.200",
            ["SglangCi:Process:StopTimeout"] = "00:00:05",
            ["SglangCi:Process:GpuVendor"] = "None",
        });
        builder.AddSglangCiSilo();
        using var host = builder.Build();
        await host.StartAsync();
        var serverLogs = new List<string>();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            await Eventually(async () => await grains.GetGrain<IModelPresetGrain>("grok1-int4").Get() is not null, TimeSpan.FromSeconds(60), "seeded presets");
            await grains.GetGrain<IGpuNodeGrain>(node.Name).Configure(node);

            var online = await RunAsync(grains, node.Name, RunMode.Online);
            Assert.True(online.Summary.Status == RunStatus.Succeeded, online.Summary.Reason);
            var details = (await online.Run.GetDetails())!;
            Assert.Contains(details.Phases, p => p.Phase == RunPhase.ServerUp && p.Status == PhaseStatus.Succeeded);
            Assert.True(details.Gsm8k?.Passed, "GSM8K gate");
            Assert.NotEmpty(details.Points);
            Assert.All(details.Points, p => Assert.True(p.Completed > 0));
            var serverLog = await online.Run.ReadLog("server", 0, 1 << 20);
            Assert.Contains("The server is fired up and ready to roll!", serverLog!.Text, StringComparison.Ordinal);
            Assert.Contains("starting server process sglci-" + node.Name, serverLog.Text, StringComparison.Ordinal);
            serverLogs.Add(serverLog.Text);

            var offline = await RunAsync(grains, node.Name, RunMode.Offline);
            Assert.True(offline.Summary.Status == RunStatus.Succeeded, offline.Summary.Reason);
            Assert.NotEmpty((await offline.Run.GetDetails())!.Offline);
        }
        finally
        {
            await host.StopAsync();
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }

        var pids = serverLogs.SelectMany(text => System.Text.RegularExpressions.Regex.Matches(text, @"has pid (\d+)"))
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.NotEmpty(pids);
        Assert.All(pids, pid => Assert.False(ProcessTestNode.IsRunning(pid), $"server pid {pid} is gone"));
    }

    private static async Task<(IRunGrain Run, RunSummary Summary)> RunAsync(IGrainFactory grains, string nodeName, RunMode mode)
    {
        var run = grains.GetGrain<IRunGrain>(RunIds.Create("grok1-int4", nodeName, DateTimeOffset.UtcNow));
        await run.Start(new RunRequest("grok1-int4", nodeName, mode, "bare-metal", null, "process end-to-end test"));
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
