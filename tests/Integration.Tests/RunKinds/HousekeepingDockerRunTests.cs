using Docker.DotNet;
using SglangCi.Integration.Tests.Docker;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Integration.Tests.RunKinds;

/// <summary>
/// <c>housekeeping</c> runs on a Docker node of a silo hosted as the product hosts it, against the real dockerd at
/// <c>DOCKER_HOST</c>: old images of ours that no container uses and core dumps go, a used image stays, the checks count
/// them, the report is kept as a command log and Docker's data root gets a disk check. A Docker that does not answer
/// fails the run with Docker's reason.
/// </summary>
[Trait("Category", "Docker")]
public sealed class HousekeepingDockerRunTests
{
    [DockerFact]
    public async Task Docker_node_removes_unused_images_of_ours_and_core_dumps_and_checks_dockers_data_root()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var ours = $"sglci-hkrun-{id}/sgl-dev";
        using var connection = new DockerConnection(new DockerRuntimeOptions());
        var client = connection.Client;
        var dumps = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"sglci-hkrun-{id}")).FullName;
        await using var scratch = new DockerScratch(client);
        try
        {
            var unused = await scratch.ImportAsync(ours, "unused", "unused");
            var used = await scratch.ImportAsync(ours, "used", "used");
            await scratch.CreateContainerAsync($"{ours}:used", $"sglci-hkrun-{id}");
            var dump = Path.Combine(dumps, "gpucore.4242");
            await File.WriteAllTextAsync(dump, new string('x', 4096));
            var dockerRoot = (await client.System.GetSystemInfoAsync()).DockerRootDir;

            await using var silo = await InProcessSilo.StartAsync(new Dictionary<string, string?>
            {
                ["SglangCi:Docker:Housekeeping:Repositories:0"] = ours,
                ["SglangCi:Docker:Housekeeping:OlderThanDays"] = "0",
                ["SglangCi:Docker:Housekeeping:RemoveDangling"] = "false", // the dockerd may be shared: leave others' images alone
                ["SglangCi:Docker:Housekeeping:CoreDumpDirectories:0"] = dumps,
                ["SglangCi:Housekeeping:WarnUsedPercent"] = "100",
            });
            var node = await silo.AddNodeAsync($"hk-docker-{id}", EngineRuntimeKind.Docker);

            var (summary, details) = await silo.RunAsync(node.Name, RunMode.Housekeeping, options: new RunOptions { CriticalFreeGb = 0 });

            Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
            var checks = details.Checks.ToDictionary(c => c.Name);
            Assert.Equal((CheckStatus.Passed, 1.0), (checks["images"].Status, checks["images"].Value));
            Assert.StartsWith($"removed 1 (", checks["images"].Detail, StringComparison.Ordinal);
            Assert.Contains($"{ours}:unused", checks["images"].Detail, StringComparison.Ordinal);
            Assert.Contains($"kept 1: {ours}:used (used by a container)", checks["images"].Detail, StringComparison.Ordinal);
            Assert.Contains("(report in commands/", checks["images"].Detail, StringComparison.Ordinal);
            Assert.Equal((CheckStatus.Passed, 0.0), (checks["dangling-images"].Status, checks["dangling-images"].Value));
            Assert.Equal((CheckStatus.Passed, 1.0), (checks["core-dumps"].Status, checks["core-dumps"].Value));
            Assert.DoesNotContain("docker-images", checks.Keys);
            Assert.Equal(CheckStatus.Passed, checks[$"disk {silo.DataDirectory}"].Status);
            var root = checks[$"disk {dockerRoot}"];
            Assert.Equal(CheckStatus.Passed, root.Status);
            Assert.StartsWith("docker data root: ", root.Detail, StringComparison.Ordinal);

            await Assert.ThrowsAsync<DockerImageNotFoundException>(() => client.Images.InspectImageAsync(unused));
            await client.Images.InspectImageAsync(used);
            Assert.False(File.Exists(dump));
        }
        finally
        {
            Directory.Delete(dumps, recursive: true);
        }
    }

    [Fact]
    public async Task Docker_not_answering_fails_the_run_with_dockers_reason()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"sglci-hkrun-{Guid.NewGuid().ToString("N")[..8]}-no-such.sock");
        await using var silo = await InProcessSilo.StartAsync(new Dictionary<string, string?> { ["SglangCi:Docker:Endpoint"] = $"unix://{socket}" });
        var node = await silo.AddNodeAsync("hk-docker-down", EngineRuntimeKind.Docker);

        var (summary, details) = await silo.RunAsync(node.Name, RunMode.Housekeeping, options: new RunOptions { CriticalFreeGb = 0 });

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.StartsWith($"housekeeping: Docker at unix://{socket} did not answer: ", summary.Reason, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Failed, Assert.Single(details.Checks, c => c.Name == "images").Status);
        Assert.Equal(CheckStatus.Passed, Assert.Single(details.Checks, c => c.Name == $"disk {silo.DataDirectory}").Status);
    }
}
