using Docker.DotNet;
using Docker.DotNet.Models;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// Keeps a command's container as a local image (<see cref="EngineLaunch.CommitAs"/>): <c>docker commit</c> with the base
/// image's own command, entry point, environment, working directory and user, the base image's labels plus
/// <see cref="ImageCommitLabels"/>, and then every tag. Docker fills whatever the commit's configuration leaves out from the
/// container's, so nothing of ours may be left for it to find: the run's environment and working directory go to the
/// command (<see cref="PrepareForKeeping"/>), the idle command is the container's entry point (the image gets the base's
/// entry point, or an explicitly empty one), and our <see cref="DockerLabels"/> are set to the base image's values or
/// empty: an image that said <c>sglang-ci.managed=true</c> would make every container started from it look like ours, and
/// the reconciler would remove it.
/// </summary>
internal static class DockerImageCommit
{
    /// <summary>The labels that mark a container as ours; a kept image must not pass them on.</summary>
    private static readonly string[] OwnLabels = [DockerLabels.Managed, DockerLabels.Node, DockerLabels.RunId, DockerLabels.Role];

    /// <summary>
    /// For a container that will be kept: takes the run's environment and working directory off the container and returns
    /// them for the command alone, and runs the idle command as the entry point with no command, so the commit finds
    /// nothing of ours to fill in. Null, and nothing changed, otherwise.
    /// </summary>
    public static KeptCommandSettings? PrepareForKeeping(CreateContainerParameters spec, EngineLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(launch);
        if (launch.CommitAs is not { Count: > 0 })
        {
            return null;
        }

        var settings = new KeptCommandSettings(spec.Env, string.IsNullOrEmpty(spec.WorkingDir) ? null : spec.WorkingDir);
        spec.Env = null;
        spec.WorkingDir = null;
        spec.Entrypoint = spec.Cmd;
        spec.Cmd = null;
        return settings;
    }

    /// <summary>
    /// Commits and tags, then writes <see cref="CommittedImage.ToLine"/> into the command's output; a commit that fails
    /// (Docker refuses, the connection drops or times out) becomes <see cref="CommittedImage.FailureLine"/> there instead,
    /// so the command's result keeps the script's output and says the image is missing and why.
    /// </summary>
    public static async Task KeepAsync(IDockerClient client, string containerId, EngineLaunch launch, ContainerOutput output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        string line;
        try
        {
            line = (await CommitAsync(client, containerId, launch, ct)).ToLine();
        }
        catch (DockerApiException e)
        {
            line = CommittedImage.FailureLine(launch.CommitAs ?? [], string.IsNullOrWhiteSpace(e.ResponseBody) ? e.Message : e.ResponseBody.Trim());
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            line = CommittedImage.FailureLine(launch.CommitAs ?? [], $"Docker did not answer: {e.Message}");
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(line);
        await output.AppendAsync(bytes, bytes.Length, stderr: false, ct);
    }

    public static async Task<CommittedImage> CommitAsync(IDockerClient client, string containerId, EngineLaunch launch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(launch);
        var tags = launch.CommitAs ?? [];

        // The image the container was made from, by id: the launch's tag may have moved since.
        var imageId = (await client.Containers.InspectContainerAsync(containerId, ct)).Image;
        var baseConfig = (await client.Images.InspectImageAsync(imageId, ct)).Config ?? new Config();
        var baseLabels = baseConfig.Labels ?? new Dictionary<string, string>();
        var labels = new Dictionary<string, string>(baseLabels, StringComparer.Ordinal);
        foreach (var own in OwnLabels)
        {
            labels[own] = baseLabels.TryGetValue(own, out var value) ? value : "";
        }

        foreach (var (key, value) in ImageCommitLabels.For(launch, tags))
        {
            labels[key] = value;
        }

        var committed = await client.Images.CommitContainerChangesAsync(
            new CommitContainerChangesParameters
            {
                ContainerID = containerId,
                Comment = $"sglang-ci: {launch.RunId} kept as {string.Join(", ", tags)}",
                Author = "sglang-ci",
                Pause = true,
                Config = new Config
                {
                    Cmd = baseConfig.Cmd,

                    // Empty, not absent: absent would be filled with the container's entry point, our idle command.
                    Entrypoint = baseConfig.Entrypoint ?? [],
                    Env = baseConfig.Env,
                    WorkingDir = baseConfig.WorkingDir,
                    User = baseConfig.User,
                    ExposedPorts = baseConfig.ExposedPorts,
                    Volumes = baseConfig.Volumes,
                    Labels = labels,
                },
            },
            ct);

        foreach (var tag in tags)
        {
            var reference = DockerImageReference.Parse(tag);
            await client.Images.TagImageAsync(committed.ID, new ImageTagParameters { RepositoryName = reference.Repository, Tag = reference.Tag, Force = true }, ct);
        }

        return new CommittedImage(committed.ID, tags);
    }
}
