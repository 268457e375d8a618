using SglangCi.Interfaces;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Tests.RunKinds;

/// <summary>
/// Housekeeping runs through a run grain on a simulated node: no Docker to clean up (a skipped check says so), one disk
/// check per path (data directory, configured paths), low space fails those checks and raises one alert but not the run,
/// a configured path that does not exist is a warning with the reason.
/// </summary>
[Collection(HousekeepingCollection.Name)]
public sealed class HousekeepingKindTests(HousekeepingClusterFixture fixture)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Simulated_node_skips_docker_and_checks_the_free_space_of_every_path()
    {
        var (summary, stored) = await RunAsync("hk-ok", new RunOptions { CriticalFreeGb = 0 });

        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
        Assert.Equal("housekeeping", summary.Mode);
        Assert.Equal(
            ["docker-images", $"disk {fixture.DataDirectory}", $"disk {fixture.TempPath}", $"disk {fixture.MissingPath}"],
            stored.Checks.Select(c => c.Name));
        var docker = stored.Checks[0];
        Assert.Equal(CheckStatus.Skipped, docker.Status);
        Assert.Equal("node 'hk-ok-node' runs the simulated runtime: no Docker images to clean up", docker.Detail);

        foreach (var disk in stored.Checks.Skip(1).Take(2))
        {
            Assert.Equal(CheckStatus.Passed, disk.Status);
            Assert.True(disk.Value > 0, $"{disk.Name}: {disk.Value}");
            Assert.Matches(@"^(data directory|configured path): \d+\.\d GiB free of \d+\.\d GiB \(\d+(\.\d)? % used\)$", disk.Detail);
        }

        var missing = stored.Checks[3];
        Assert.Equal((CheckStatus.Warning, (double?)null), (missing.Status, missing.Value));
        Assert.Equal("configured path: not measured: does not exist on this node", missing.Detail);
        Assert.Empty(await AlertLinesAsync(summary.Id, expectAny: false));
    }

    [Fact]
    public async Task Free_space_below_the_critical_line_fails_the_disk_checks_and_raises_one_alert_but_not_the_run()
    {
        var (summary, stored) = await RunAsync("hk-full", new RunOptions { CriticalFreeGb = 1e9 });

        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
        var measured = stored.Checks.Where(c => c.Name.StartsWith("disk ", StringComparison.Ordinal) && c.Value is not null).ToList();
        Assert.Equal(2, measured.Count);
        Assert.All(measured, c =>
        {
            Assert.Equal(CheckStatus.Failed, c.Status);
            Assert.EndsWith("; below the critical 1000000000 GiB", c.Detail);
        });
        Assert.Equal(CheckStatus.Warning, Assert.Single(stored.Checks, c => c.Name == $"disk {fixture.MissingPath}").Status);

        var alert = Assert.Single(await AlertLinesAsync(summary.Id, expectAny: true));
        Assert.Contains($"\"dedupeKey\":\"{summary.Id}:disk-space\"", alert, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Critical disk space on hk-full-node\"", alert, StringComparison.Ordinal);
        Assert.Contains("\"severity\":\"error\"", alert, StringComparison.Ordinal);
        Assert.Contains("\"host\":\"hk-full-node.test\"", alert, StringComparison.Ordinal);
        Assert.Contains($"\"paths\":\"{fixture.DataDirectory}, {fixture.TempPath}\"", alert, StringComparison.Ordinal);
        Assert.Contains("\"thresholdGiB\":\"1000000000\"", alert, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.MissingPath, alert, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_job_threshold_the_silos_default_of_200_GiB_applies()
    {
        var (summary, stored) = await RunAsync("hk-default", options: null);

        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
        var data = Assert.Single(stored.Checks, c => c.Name == $"disk {fixture.DataDirectory}");
        Assert.Equal(data.Value < 200 ? CheckStatus.Failed : CheckStatus.Passed, data.Status);
    }

    private async Task<(RunSummary Summary, RunDetails Stored)> RunAsync(string name, RunOptions? options)
    {
        var node = $"{name}-node";
        await Grains.GetGrain<IGpuNodeGrain>(node).Configure(TestPresets.Node(node));
        var id = RunIds.Create("housekeeping", node, DateTimeOffset.UtcNow);
        var run = Grains.GetGrain<IRunGrain>(id);
        await run.Start(new RunRequest("", node, RunMode.Housekeeping, null, null, "test") { Options = options });
        var summary = (await Eventually.Until(run.GetSummary, s => s is not null && s.Status.IsTerminal(), RunTimeout, "run end"))!;
        Assert.Empty(await Grains.GetGrain<IGpuNodeGrain>(node).GetLeaseHistory()); // no GPUs held
        var stored = await Eventually.Until(() => fixture.Results.GetRunAsync(id, CancellationToken.None), r => r is not null, TimeSpan.FromSeconds(15), "stored run");
        return (summary, stored!);
    }

    /// <summary>Alert lines of the run: once one is written, or after the run had time to hand any over.</summary>
    private async Task<IReadOnlyList<string>> AlertLinesAsync(string runId, bool expectAny)
    {
        var deadline = DateTime.UtcNow + (expectAny ? TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(2));
        while (true)
        {
            await Grains.GetGrain<IAlertChannelGrain>("default").Flush();
            var lines = File.Exists(fixture.AlertsFile)
                ? (await File.ReadAllLinesAsync(fixture.AlertsFile)).Where(l => l.Contains(runId, StringComparison.Ordinal)).ToList()
                : [];
            if ((expectAny && lines.Count > 0) || DateTime.UtcNow >= deadline)
            {
                return lines;
            }

            await Task.Delay(200);
        }
    }
}
