using SglangCi.Interfaces;

namespace SglangCi.Web.Health;

/// <summary><c>GET /healthz</c>: 200 once a grain call round-trips through the cluster, 503 until then.</summary>
public static class HealthEndpoint
{
    public const string Path = "/healthz";

    // A health probe must answer fast even while the silo is still starting or is wedged.
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ProbeAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ProbeAsync(IGrainFactory grains, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key).List(CatalogKind.Node).WaitAsync(ProbeTimeout, cancellationToken);
            return Results.Json(new HealthReport("ok"));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Details go to the log, not the response: a probe is anonymous and errors can carry connection strings.
            loggers.CreateLogger(typeof(HealthEndpoint)).LogWarning(exception, "Health probe failed");
            return Results.Json(new HealthReport("unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private sealed record HealthReport(string Status);
}
