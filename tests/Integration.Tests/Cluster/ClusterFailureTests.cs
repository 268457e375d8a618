using System.Text.Json;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Integration.Tests.Postgres;
using Xunit.Abstractions;

namespace SglangCi.Integration.Tests.Cluster;

/// <summary>
/// A cluster of silo processes on 127.0.0.1 and a real PostgreSQL, losing one of its silos: the node names stay unique,
/// a killed host's node shows offline while the rest keeps working, and its run ends cleanly once the host is back
/// (failed "interrupted" or succeeded), with no lease left behind and exactly one stored row for the run.
/// </summary>
[Trait("Category", "Postgres")]
[Collection(EndToEndCollection.Name)]
public sealed class ClusterFailureTests(ITestOutputHelper output) : ClusterTest(output)
{
    private const string Preset = "deepseek-v3-0324-fp8";
    private static readonly TimeSpan ReachBenchmarkTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(4);

    [PostgresFact]
    public async Task A_second_silo_claiming_a_served_node_name_is_refused_and_the_first_keeps_serving()
    {
        StartSilo("gpu-a");
        await WaitOnlineAsync("gpu-a");

        var twin = StartSilo("gpu-a");
        // It waits out the claim's grace (a crashed holder's session may linger) before it refuses.
        Assert.True(await twin.Process.WaitForExitAsync(TimeSpan.FromSeconds(200)), $"the second 'gpu-a' silo kept running:\n{twin.Process.CapturedOutput}");
        Assert.Contains("Node name gpu-a is held by host", twin.Process.CapturedOutput);
        Assert.Equal(2, twin.Process.ExitCode);
        Assert.Contains("node name 'gpu-a' is already claimed by a running silo", twin.Process.CapturedOutput);

        var nodes = await NodesAsync();
        Assert.True(nodes["gpu-a"].GetProperty("online").GetBoolean(), "the first silo must keep serving its node");
        Assert.Equal("sim", nodes["gpu-a"].GetProperty("hardware").GetString());

        // A new cluster's catalog is seeded once, with every schedule disabled until an operator names its nodes.
        var schedules = await Cli.RunAsync(QuickCommand, "schedule", "list", "--json");
        Assert.True(schedules.ExitCode == 0, $"schedule list failed:\n{schedules}");
        var listed = JsonDocument.Parse(schedules.StandardOutput).RootElement.EnumerateArray().ToList();
        Assert.Contains(listed, s => s.GetProperty("name").GetString() == "mi35x-1105-sanity");
        Assert.All(listed, s => Assert.False(s.GetProperty("enabled").GetBoolean(), $"{s.GetProperty("name")} is enabled on a new cluster"));
    }

    [PostgresFact]
    public async Task A_silo_killed_mid_run_shows_its_node_offline_and_its_run_ends_cleanly_when_it_is_back()
    {
        StartSilo("gpu-a");
        var b = StartSilo("gpu-b");
        await WaitOnlineAsync("gpu-a", "gpu-b");

        var started = await Cli.RunAsync(QuickCommand, "run", "--preset", Preset, "--node", "gpu-b", "--json");
        Assert.True(started.ExitCode == 0, $"run without --wait should start the run:\n{started}");
        var runId = JsonDocument.Parse(started.StandardOutput).RootElement.GetProperty("id").GetString()!;
        await WaitUntilAsync(ReachBenchmarkTimeout, async () => InBenchmark(await ShowAsync(runId)), $"run {runId} to reach the benchmark phase");

        var pointsBeforeKill = await Database!.ScalarAsync<int>($"SELECT count(*) FROM benchmark_points WHERE run_id = '{runId}'");
        await b.KillAsync();
        Output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} killed gpu-b's silo during the benchmark of {runId}");

        // The rest of the cluster goes on: gpu-a answers, gpu-b is listed offline with a reason, the run is still readable.
        await WaitUntilAsync(TimeSpan.FromSeconds(90), async () =>
        {
            var nodes = await NodesAsync();
            return nodes.Count == 2 && nodes["gpu-a"].GetProperty("online").GetBoolean() && !nodes["gpu-b"].GetProperty("online").GetBoolean();
        }, "gpu-b to show offline while gpu-a stays online");
        var offline = (await NodesAsync())["gpu-b"];
        Assert.StartsWith("offline", offline.GetProperty("offlineReason").GetString());
        Assert.NotNull(await ShowAsync(runId));

        StartSilo("gpu-b");
        JsonElement? final = null;
        await WaitUntilAsync(RecoveryTimeout, async () =>
        {
            final = await ShowAsync(runId);
            return final?.GetProperty("status").GetString() is "succeeded" or "failed";
        }, $"run {runId} to end once gpu-b is back");
        var status = final!.Value.GetProperty("status").GetString();
        var reason = final.Value.GetProperty("reason").GetString();
        Assert.True(status == "succeeded" || (status == "failed" && reason == "interrupted"),
            $"a run whose silo was killed must end failed/interrupted or succeed, not {status} ({reason})");

        await WaitUntilAsync(RecoveryTimeout, async () =>
        {
            var nodes = await NodesAsync();
            return nodes.TryGetValue("gpu-b", out var node) && node.GetProperty("online").GetBoolean()
                && node.GetProperty("leases").GetArrayLength() == 0 && node.GetProperty("queue").GetArrayLength() == 0;
        }, "gpu-b to be back online holding no lease and no queued run");

        // The stored run has its final status, and every point saved before the kill is still there.
        Assert.Equal(status, await Database!.ScalarAsync<string>($"SELECT status FROM runs WHERE id = '{runId}'"));
        Assert.True(await Database.ScalarAsync<int>($"SELECT count(*) FROM benchmark_points WHERE run_id = '{runId}'") >= pointsBeforeKill,
            $"points saved before the kill ({pointsBeforeKill}) must not be lost");
    }

    [PostgresFact]
    public async Task A_silo_with_partitions_serves_each_of_them_and_a_fired_night_runs_on_every_one()
    {
        StartSilo("sim-host", partitions: 3);
        await WaitOnlineAsync("sim-host.0", "sim-host.1", "sim-host.2");

        var bench = await Cli.RunAsync(TimeSpan.FromMinutes(5), "bench", "scheduling", "--nights", "1", "--json");
        Assert.True(bench.ExitCode == 0, $"bench scheduling failed:\n{bench}");
        var report = JsonDocument.Parse(bench.StandardOutput).RootElement;
        Assert.Equal(3, report.GetProperty("nodes").GetInt32());
        Assert.Equal(3, report.GetProperty("runs").GetInt32());
        Assert.Equal(0, report.GetProperty("failed").GetInt32());
        Assert.Equal(3, report.GetProperty("leaseMs").GetProperty("count").GetInt32());
        Assert.True(report.GetProperty("fireMs").GetProperty("maxMs").GetDouble() > 0);

        // The night is over: every partition is free again, and its run is stored once under its own node.
        var nodes = await NodesAsync();
        Assert.All(["sim-host.0", "sim-host.1", "sim-host.2"], n => Assert.Equal(0, nodes[n].GetProperty("leases").GetArrayLength()));
        Assert.Equal(3, await Database!.ScalarAsync<int>("SELECT count(DISTINCT node) FROM runs WHERE node LIKE 'sim-host.%' AND status = 'succeeded'"));
    }

    private static bool InBenchmark(JsonElement? run) =>
        run?.GetProperty("phases").EnumerateArray().Any(p =>
            p.GetProperty("name").GetString() == "benchmark" && p.GetProperty("finishedAt").ValueKind == JsonValueKind.Null) == true;
}
