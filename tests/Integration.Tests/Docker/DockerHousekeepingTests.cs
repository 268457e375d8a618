using System.Diagnostics;
using System.Text.Json;
using Docker.DotNet;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>
/// <c>sglang-ci housekeeping</c> against a real dockerd: two tiny images of ours (imported from a tar built here, in a
/// repository unique to the test), one used by a (created, never started) container, a dangling one and one that is not
/// ours, plus core dumps in a temp folder. A dry run lists without removing; applying removes the right ones only.
/// </summary>
[Trait("Category", "Docker")]
public sealed class DockerHousekeepingTests
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromMinutes(2);

    [DockerFact]
    public async Task Dry_run_lists_and_removes_nothing_then_apply_removes_only_unused_images_of_ours_dangling_ones_and_old_core_dumps()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var ours = $"sglci-hk-{id}/sgl-dev";
        var notOurs = $"sglci-hk-{id}/other";
        using var connection = new DockerConnection(new DockerRuntimeOptions());
        var client = connection.Client;
        var dumps = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"sglci-hk-{id}")).FullName;
        await using var scratch = new DockerScratch(client);
        try
        {
            var unused = await scratch.ImportAsync(ours, "unused", "a");
            var used = await scratch.ImportAsync(ours, "used", "b");
            var dangling = await scratch.ImportAsync(notOurs, "x", "first");
            var other = await scratch.ImportAsync(notOurs, "x", "second"); // takes the tag: the first is dangling now
            string[] created = [unused, used, dangling, other];
            Assert.Empty((await client.Images.InspectImageAsync(dangling)).RepoTags ?? []);
            await scratch.CreateContainerAsync($"{ours}:used", $"sglci-hk-{id}");

            var oldDump = Path.Combine(dumps, "gpucore.4242");
            var youngDump = Path.Combine(dumps, "core.17");
            var notADump = Path.Combine(dumps, "notes.txt");
            foreach (var file in new[] { oldDump, youngDump, notADump })
            {
                await File.WriteAllTextAsync(file, new string('x', 4096));
            }

            File.SetLastWriteTimeUtc(oldDump, DateTime.UtcNow.AddHours(-3));
            string[] arguments = ["housekeeping", "--older-than-days", "0", "--repository", ours, "--core-dump-dir", dumps, "--core-dump-min-age-hours", "1", "--json"];

            var dry = await RunCliAsync([.. arguments, "--dry-run"]);
            Assert.True(dry.ExitCode == 0, dry.ToString());
            var dryReport = JsonDocument.Parse(dry.StandardOutput).RootElement;
            Assert.True(dryReport.GetProperty("dryRun").GetBoolean());
            var listed = Items(dryReport);
            Assert.Equal("WouldRemove", listed[$"{ours}:unused"]);
            Assert.Equal("WouldRemove", listed[HousekeepingPlanner.ShortId(dangling)]);
            Assert.Equal("WouldRemove", listed[oldDump]);
            Assert.DoesNotContain($"{ours}:used", listed.Keys);
            Assert.DoesNotContain(youngDump, listed.Keys);
            Assert.DoesNotContain(listed.Keys, k => k.Contains(notOurs, StringComparison.Ordinal));
            Assert.Contains(dryReport.GetProperty("kept").EnumerateArray(), k => k.GetProperty("name").GetString() == $"{ours}:used");
            Assert.Contains(dryReport.GetProperty("disks").EnumerateArray(), d => d.GetProperty("what").GetString() == "docker data root");
            foreach (var image in created)
            {
                await client.Images.InspectImageAsync(image); // all still there
            }

            Assert.True(File.Exists(oldDump));

            var apply = await RunCliAsync(arguments);
            Assert.True(apply.ExitCode == 0, apply.ToString());
            var applied = Items(JsonDocument.Parse(apply.StandardOutput).RootElement);
            Assert.Equal("Removed", applied[$"{ours}:unused"]);
            Assert.Equal("Removed", applied[HousekeepingPlanner.ShortId(dangling)]);
            Assert.Equal("Removed", applied[oldDump]);
            await Assert.ThrowsAsync<DockerImageNotFoundException>(() => client.Images.InspectImageAsync(unused));
            await Assert.ThrowsAsync<DockerImageNotFoundException>(() => client.Images.InspectImageAsync(dangling));
            await client.Images.InspectImageAsync(used);
            await client.Images.InspectImageAsync(other);
            Assert.False(File.Exists(oldDump));
            Assert.True(File.Exists(youngDump));
            Assert.True(File.Exists(notADump));

            var table = await RunCliAsync(["housekeeping", "--older-than-days", "0", "--repository", ours, "--keep-dangling", "--dry-run"]);
            Assert.True(table.ExitCode == 0, table.ToString());
            Assert.Contains("used by a container", table.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("disk space", table.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dumps, recursive: true);
        }
    }

    [Fact]
    public async Task Docker_not_answering_still_handles_core_dumps_and_exits_1()
    {
        var dumps = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"sglci-hk-{Guid.NewGuid().ToString("N")[..8]}")).FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dumps, "gpucore.1"), "x");
            var result = await RunCliAsync(["housekeeping", "--docker-host", $"unix://{dumps}/no-such.sock", "--core-dump-dir", dumps, "--dry-run", "--json"]);
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("did not answer", result.StandardError, StringComparison.Ordinal);
            var report = JsonDocument.Parse(result.StandardOutput).RootElement;
            Assert.Equal("WouldRemove", Items(report)[Path.Combine(dumps, "gpucore.1")]);
            Assert.True(File.Exists(Path.Combine(dumps, "gpucore.1")));

            var bad = await RunCliAsync(["housekeeping", "--older-than-days", "-1"]);
            Assert.True(bad.ExitCode == 2, bad.ToString());
        }
        finally
        {
            Directory.Delete(dumps, recursive: true);
        }
    }

    private static Dictionary<string, string> Items(JsonElement report) =>
        report.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("outcome").GetString()!, StringComparer.Ordinal);

    private static async Task<ProcessResult> RunCliAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepositoryLayout.Discover().CliAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(CliTimeout);
        await process.WaitForExitAsync(cancel.Token);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
