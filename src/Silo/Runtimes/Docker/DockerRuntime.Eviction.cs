using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// Eviction of our own leftovers: containers labelled as ours (<see cref="DockerLabels.Managed"/>), of this node
/// (<see cref="DockerLabels.Node"/>) and of a run (<see cref="DockerLabels.RunId"/>) that holds no live lease here. The
/// node grain asks for it when its GPUs are in use with no lease of ours on them. A container without all three labels
/// (other people's work, or one we cannot attribute) is never touched.
/// </summary>
public sealed partial class DockerRuntime
{
    /// <summary>Removes the node's containers of ours whose run is not in <paramref name="liveRunIds"/>; returns <c>name (run id)</c> of each.</summary>
    public async Task<IReadOnlyList<string>> EvictOrphansAsync(NodeInventory node, IReadOnlySet<string> liveRunIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(liveRunIds);
        var ours = await Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = DockerLabels.Filter(node.Name) }, ct);
        var evicted = new List<string>();
        foreach (var container in ours)
        {
            // The filter already asks for both labels; checked again so a filter Docker ignored can never widen the set.
            var labels = container.Labels;
            if (labels is null
                || !labels.TryGetValue(DockerLabels.Managed, out var managed) || managed != "true"
                || !labels.TryGetValue(DockerLabels.Node, out var labelledNode) || labelledNode != node.Name
                || DockerLabels.RunIdOf(labels) is not { } runId
                || liveRunIds.Contains(runId))
            {
                continue;
            }

            var name = container.Names?.FirstOrDefault()?.TrimStart('/') ?? container.ID;
            try
            {
                await Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct);
                evicted.Add($"{name} (run {runId})");
                LogEvicted(_logger, node.Name, name, container.State ?? "unknown", runId);
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // Removed meanwhile (its own clean-up won the race).
            }
        }

        return evicted;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: evicted leftover container {Container} ({State}) of run {RunId}, which holds no lease here")]
    private static partial void LogEvicted(ILogger logger, string node, string container, string state, string runId);
}
