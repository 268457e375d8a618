using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using SglangCi.Integration.Tests.RunKinds;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Runtimes.Docker;
using SglangCi.Toolkit.Tests.Upstream.PrImages;
using SglangCi.Toolkit.Upstream.PrImages;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>
/// <c>pr-image</c> end to end on a Docker node of a silo hosted as the product hosts it. The base image is the git tool
/// image (<see cref="GitToolImage"/>) with a clone of a local "GitHub" (<see cref="GitSandbox"/>) at SGLang's path; the
/// remote is that bare repository, bind-mounted at the same path. The run's kept image exists under both tags, carries the
/// PR's code and labels saying what it is, and keeps the base image's command; no container is left.
/// </summary>
[Trait("Category", "Docker")]
public sealed class PrImageDockerTests
{
    [DockerFact]
    public async Task A_pr_image_is_kept_under_both_tags_with_the_prs_code_and_labels_and_failures_say_why()
    {
        Assert.True(GitToolImage.Missing is null, GitToolImage.Missing);
        using var git = new GitSandbox();
        await using var scratchNode = new DockerTestNode();
        var client = scratchNode.Client;
        var number = Random.Shared.Next(10_000, 99_999);
        var head = git.PushPullRequest(number, ("python/sglang/srt/server.py", $"print('pr {number}')\n"), ("sgl-kernel/csrc/new_kernel.cu", "// kernel\n"));
        var baseImage = await BaseImageAsync(client, git, withCommand: true);
        var bareBase = await BaseImageAsync(client, git, withCommand: false);
        string[] tags = [$"sglang-pr{number}", $"sglang-pr{number}-{head[..7]}"];
        try
        {
            await using var silo = await InProcessSilo.StartAsync(new Dictionary<string, string?>
            {
                ["SglangCi:Docker:GpuVendor"] = "None",
                ["SglangCi:Docker:ShmSizeBytes"] = $"{64L << 20}",
                ["SglangCi:Docker:PullRetries"] = "0",
                ["SglangCi:Docker:Mounts:0"] = $"{git.Root}:{git.Root}:ro",

                // Our working directory is the command's, never the kept image's.
                ["SglangCi:Docker:WorkingDirectory"] = "/sgl-workspace",
                ["SglangCi:Upstream:GitRemote"] = git.Upstream,
            });
            var node = await silo.AddNodeAsync(scratchNode.Node.Name, EngineRuntimeKind.Docker);

            var (summary, details) = await silo.RunAsync(node.Name, RunMode.PrImage, options: new RunOptions { PullRequest = number }, image: baseImage);

            Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
            Assert.Equal(
                "dependency files differ from the image's (sgl-kernel/csrc/new_kernel.cu): a full rebuild is needed; this image has the new code only", summary.Reason);
            Assert.Equal(
                [("fetch", CheckStatus.Passed), ("dependencies", CheckStatus.Warning), ("image", CheckStatus.Passed)],
                details.Checks.Select(c => (c.Name, c.Status)));
            Assert.StartsWith($"{tags[0]}, {tags[1]} (image sha256:", details.Checks[2].Detail, StringComparison.Ordinal);

            var kept = await client.Images.InspectImageAsync(tags[0]);
            var baseConfig = (await client.Images.InspectImageAsync(baseImage)).Config;
            Assert.Equal(kept.ID, (await client.Images.InspectImageAsync(tags[1])).ID);
            var labels = kept.Config.Labels;
            Assert.Equal(number.ToString(CultureInfo.InvariantCulture), labels["sglang-ci.image.pr"]);
            Assert.Equal(head, labels["sglang-ci.image.sha"]);
            Assert.Equal(baseImage, labels["sglang-ci.image.base"]);
            Assert.Equal(git.Upstream, labels["sglang-ci.image.remote"]);
            Assert.Equal(["sh"], kept.Config.Cmd);
            Assert.Empty(kept.Config.Entrypoint ?? []);
            Assert.Equal(baseConfig.WorkingDir, kept.Config.WorkingDir);

            // Nothing of our command container may pass on: a container made from the image is not ours to remove.
            string? Label(string key) => labels.TryGetValue(key, out var value) ? value : null;
            Assert.NotEqual("true", Label(DockerLabels.Managed));
            Assert.All(new[] { DockerLabels.Node, DockerLabels.RunId, DockerLabels.Role }, key => Assert.True(string.IsNullOrEmpty(Label(key)), $"{key}={Label(key)}"));
            var fromImage = await client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = tags[0], HostConfig = new HostConfig { NetworkMode = "none" } });
            try
            {
                var ours = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = DockerLabels.Filter(null) });
                Assert.DoesNotContain(ours, c => c.ID == fromImage.ID);
            }
            finally
            {
                await client.Containers.RemoveContainerAsync(fromImage.ID, new ContainerRemoveParameters { Force = true });
            }
            Assert.DoesNotContain(kept.Config.Env, e => e.StartsWith(PrImageScript.CheckoutVariable, StringComparison.Ordinal) || e.StartsWith("SGLCI_IMAGE_LABEL_", StringComparison.Ordinal));

            var (exitCode, output) = await RunInAsync(client, tags[1], $"cat {PrImageScript.DefaultCheckout}/python/sglang/srt/server.py && git -C {PrImageScript.DefaultCheckout} rev-parse HEAD");
            Assert.True(exitCode == 0, output);
            Assert.Equal($"print('pr {number}')\n{head}\n", output);

            // A base without a command, entry point or working directory gives an image without them, not our idle command's.
            var fromBare = await silo.RunAsync(node.Name, RunMode.PrImage, options: new RunOptions { PullRequest = number }, image: bareBase);
            Assert.True(fromBare.Summary.Status == RunStatus.Succeeded, fromBare.Summary.Reason);
            var bareKept = (await client.Images.InspectImageAsync(tags[0])).Config;
            Assert.Equal(bareBase, bareKept.Labels["sglang-ci.image.base"]);
            Assert.Empty(bareKept.Cmd ?? []);
            Assert.Empty(bareKept.Entrypoint ?? []);
            Assert.True(bareKept.WorkingDir is null or "" or "/", $"working directory {bareKept.WorkingDir}"); // Docker may write "/" for none

            var missing = await silo.RunAsync(node.Name, RunMode.PrImage, options: new RunOptions { PullRequest = number + 1 }, image: baseImage);
            Assert.Equal(RunStatus.Failed, missing.Summary.Status);
            Assert.Equal($"PR #{number + 1} does not exist on {git.Upstream} (no refs/pull/{number + 1}/head)", missing.Summary.Reason);

            var noCheckout = await silo.RunAsync(node.Name, RunMode.PrImage, options: new RunOptions { PullRequest = number, SglangPath = "/nowhere/sglang" }, image: baseImage);
            Assert.Equal(RunStatus.Failed, noCheckout.Summary.Status);
            Assert.Equal($"no SGLang checkout at /nowhere/sglang in image {baseImage}", noCheckout.Summary.Reason);

            Assert.Empty(await scratchNode.ContainersAsync());
        }
        finally
        {
            foreach (var image in tags.Append(baseImage).Append(bareBase))
            {
                await RemoveQuietlyAsync(client, image);
            }
        }
    }

    /// <summary>The git tool image with a clone of the sandbox's main at SGLang's path: a base image's checkout, with the
    /// command <c>sh</c> or with no command, entry point or working directory at all.</summary>
    private static async Task<string> BaseImageAsync(IDockerClient client, GitSandbox git, bool withCommand)
    {
        var tool = await GitToolImage.EnsureAsync(client);
        var tag = $"sglang-ci/pr-base:{Guid.NewGuid().ToString("N")[..8]}";

        // The clone runs as the entry point, so the commit of a base without a command has none to inherit.
        var container = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = tool,
            Entrypoint = ["sh", "-c", $"git clone --quiet \"$REMOTE\" {PrImageScript.DefaultCheckout}"],
            Env = [$"REMOTE={git.Upstream}"],
            HostConfig = new HostConfig { Binds = [$"{git.Root}:{git.Root}:ro"], NetworkMode = "none" },
        });
        try
        {
            await client.Containers.StartContainerAsync(container.ID, new ContainerStartParameters());
            var waited = await client.Containers.WaitContainerAsync(container.ID);
            Assert.True(waited.StatusCode == 0, $"git clone in the base image exited {waited.StatusCode}: {await LogsAsync(client, container.ID)}");
            var reference = tag.Split(':');
            await client.Images.CommitContainerChangesAsync(new CommitContainerChangesParameters
            {
                ContainerID = container.ID,
                RepositoryName = reference[0],
                Tag = reference[1],
                Config = new Config { Cmd = withCommand ? ["sh"] : null, Entrypoint = [], Env = [] },
            });
            var config = (await client.Images.InspectImageAsync(tag)).Config;
            Assert.Empty(config.Entrypoint ?? []);
            Assert.Equal(withCommand ? ["sh"] : [], config.Cmd ?? []);
            return tag;
        }
        finally
        {
            await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    private static async Task<(long ExitCode, string Output)> RunInAsync(IDockerClient client, string image, string script)
    {
        var container = await client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = image, Cmd = ["sh", "-c", script], HostConfig = new HostConfig { NetworkMode = "none" } });
        try
        {
            await client.Containers.StartContainerAsync(container.ID, new ContainerStartParameters());
            var waited = await client.Containers.WaitContainerAsync(container.ID);
            return (waited.StatusCode, await LogsAsync(client, container.ID));
        }
        finally
        {
            await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    private static async Task<string> LogsAsync(IDockerClient client, string containerId)
    {
        using var stream = await client.Containers.GetContainerLogsAsync(containerId, tty: false, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true });
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(CancellationToken.None);
        return stdout + stderr;
    }

    private static async Task RemoveQuietlyAsync(IDockerClient client, string image)
    {
        try
        {
            await client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true });
        }
        catch (DockerApiException)
        {
            // Never made, or already gone.
        }
    }
}
