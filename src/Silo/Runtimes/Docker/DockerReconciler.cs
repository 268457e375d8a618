using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// Removes a node's containers of ours (labels <see cref="DockerLabels.Managed"/> and <see cref="DockerLabels.Node"/>)
/// that no live runtime owns: run when the silo starts, so a crash leaves nothing of ours running on the GPUs.
/// Containers without our labels (other people's work) are never touched.
/// </summary>
public sealed partial class DockerReconciler(DockerConnection connection, ILogger<DockerReconciler> logger)
{
    /// <summary>Removes every container of ours on <paramref name="nodeName"/>; returns their names.</summary>
    public async Task<IReadOnlyList<string>> ReconcileAsync(string nodeName, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeName);
        var client = connection.Client;
        var ours = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = DockerLabels.Filter(nodeName) }, ct);
        var removed = new List<string>();
        foreach (var container in ours)
        {
            var name = container.Names?.FirstOrDefault()?.TrimStart('/') ?? container.ID;
            try
            {
                await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct);
                removed.Add(name);
                LogRemoved(logger, nodeName, name, container.State ?? "unknown", (container.Labels is { } labels && labels.TryGetValue(DockerLabels.RunId, out var runId) ? runId : "unknown"));
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // Removed meanwhile.
            }
        }

        return removed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: removed leftover container {Container} ({State}) of run {RunId}")]
    private static partial void LogRemoved(ILogger logger, string node, string container, string state, string runId);
}
