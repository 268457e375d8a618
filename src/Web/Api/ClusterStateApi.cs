using SglangCi.Grains.Nodes;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Web.Api;

/// <summary>The live state the nodes page shows, as JSON: every GPU node and every schedule, read from their grains.</summary>
public static class ClusterStateApi
{
    public static IEndpointRouteBuilder MapClusterStateApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("cluster");

        api.MapGet("/nodes", async (IGrainFactory grains) =>
            {
                var nodes = await NodeListing.ListAsync(grains);
                return nodes.Select(n => new NamedNodeStatus(n.Name, n.IsOnline, n.Status, n.OfflineReason));
            })
            .WithSummary("Every GPU node: inventory, last GPU snapshot, active leases and queued runs; a node whose silo is down is listed offline with the reason.");

        api.MapGet("/schedules", async (IGrainFactory grains) =>
            {
                var names = await Catalog(grains, CatalogKind.Schedule);
                return await Task.WhenAll(names.Select(async name => new NamedScheduleStatus(name, await grains.GetGrain<IScheduleGrain>(name).GetStatus())));
            })
            .WithSummary("Every schedule: cron, time zone, jobs, whether it is enabled, next and last firing, last runs.");

        return endpoints;
    }

    private static async Task<IEnumerable<string>> Catalog(IGrainFactory grains, CatalogKind kind) =>
        (await grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key).List(kind)).Order(StringComparer.Ordinal);

    /// <param name="Status">Null when the node is offline.</param>
    public sealed record NamedNodeStatus(string Name, bool Online, NodeStatus? Status, string? OfflineReason);

    public sealed record NamedScheduleStatus(string Name, ScheduleStatus Status);
}
