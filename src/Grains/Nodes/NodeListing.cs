using SglangCi.Grains.Placement;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Grains.Nodes;

/// <summary>One registered node as a client sees it: its status, or why it is offline.</summary>
/// <param name="Status">Null when the node could not be asked (its silo is down or not answering).</param>
/// <param name="OfflineReason">Why the node is offline, in words; null when <paramref name="Status"/> is there.</param>
public sealed record ListedNode(string Name, NodeStatus? Status, string? OfflineReason)
{
    public bool IsOnline => Status is not null;
}

/// <summary>
/// Every registered node with its status, for the pages, the API and the CLI. A node lives on its own host's silo, so in
/// a cluster one host being down must cost only that node's row: each node is asked on its own, under a short time
/// limit, and one that cannot answer is listed as offline instead of failing the whole list.
/// </summary>
public static class NodeListing
{
    /// <summary>
    /// How long a node may take to answer. A silo that just died still owns its grains until the cluster votes it dead
    /// (tens of seconds); a healthy node answers in milliseconds.
    /// </summary>
    public static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(5);

    public static async Task<IReadOnlyList<ListedNode>> ListAsync(IGrainFactory grains, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var names = await grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key).List(CatalogKind.Node);
        return await Task.WhenAll(names.Order(StringComparer.Ordinal).Select(name => AskAsync(grains, name, cancellationToken)));
    }

    private static async Task<ListedNode> AskAsync(IGrainFactory grains, string name, CancellationToken cancellationToken)
    {
        try
        {
            var status = await grains.GetGrain<IGpuNodeGrain>(name).GetStatus().WaitAsync(StatusTimeout, cancellationToken);
            return new ListedNode(name, status, null);
        }
        catch (NodeSiloUnavailableException e)
        {
            return new ListedNode(name, null, $"offline: {e.Message}");
        }
        catch (TimeoutException)
        {
            return new ListedNode(name, null, $"offline: its silo did not answer within {StatusTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The node's silo died mid-call, or refused it: unreachable all the same.
            return new ListedNode(name, null, $"offline: {e.Message}");
        }
    }
}
