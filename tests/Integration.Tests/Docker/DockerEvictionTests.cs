using Docker.DotNet.Models;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>
/// Eviction of our leftovers against a real dockerd: only a container labelled as ours, of this node, of a run that holds
/// no live lease goes; a live run's container, another node's, and an unlabelled one (other people's work) stay.
/// </summary>
[Trait("Category", "Docker")]
public sealed class DockerEvictionTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(3);

    [DockerFact]
    public async Task Only_containers_of_ours_on_this_node_whose_run_is_not_live_are_evicted()
    {
        await using var node = new DockerTestNode();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var image = await SimulatedEngineImage.EnsureAsync(node.Client, timeout.Token);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var created = new List<string>();
        try
        {
            var orphan = await StartAsync(node, image, $"sglci-evict-orphan-{suffix}", Ours(node.Node.Name, "dead-run"), created, timeout.Token);
            var live = await StartAsync(node, image, $"sglci-evict-live-{suffix}", Ours(node.Node.Name, "live-run"), created, timeout.Token);
            var otherNode = await StartAsync(node, image, $"sglci-evict-other-{suffix}", Ours($"{node.Node.Name}-other", "dead-run"), created, timeout.Token);
            var foreign = await StartAsync(node, image, $"someone-else-{suffix}", new Dictionary<string, string> { ["owner"] = "someone-else" }, created, timeout.Token);

            var evicted = await node.Runtime.EvictOrphansAsync(node.Node, new HashSet<string>(StringComparer.Ordinal) { "live-run" }, timeout.Token);

            Assert.Equal([$"sglci-evict-orphan-{suffix} (run dead-run)"], evicted);
            var left = (await node.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, timeout.Token)).Select(c => c.ID).ToHashSet();
            Assert.DoesNotContain(orphan, left);
            Assert.Contains(live, left);
            Assert.Contains(otherNode, left);
            Assert.Contains(foreign, left);
            var running = await node.Client.Containers.InspectContainerAsync(foreign, timeout.Token);
            Assert.True(running.State.Running, "the foreign container keeps running");

            // Nothing left to evict: a second pass removes nothing.
            Assert.Empty(await node.Runtime.EvictOrphansAsync(node.Node, new HashSet<string>(StringComparer.Ordinal) { "live-run" }, timeout.Token));
        }
        finally
        {
            foreach (var id in created)
            {
                try
                {
                    await node.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
                }
                catch (global::Docker.DotNet.DockerContainerNotFoundException)
                {
                    // Evicted by the test.
                }
            }
        }
    }

    private static Dictionary<string, string> Ours(string nodeName, string runId) => new()
    {
        [DockerLabels.Managed] = "true",
        [DockerLabels.Node] = nodeName,
        [DockerLabels.RunId] = runId,
        [DockerLabels.Role] = DockerLabels.ServerRole,
    };

    private static async Task<string> StartAsync(
        DockerTestNode node, string image, string name, IDictionary<string, string> labels, List<string> created, CancellationToken ct)
    {
        var container = await node.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image,
            Name = name,
            Cmd = ["/bin/sleep", "300"],
            Labels = labels,
            HostConfig = new HostConfig { NetworkMode = "none" },
        }, ct);
        created.Add(container.ID);
        await node.Client.Containers.StartContainerAsync(container.ID, new ContainerStartParameters(), ct);
        return container.ID;
    }
}
