using SglangCi.Grains.Analysis;
using SglangCi.Interfaces.History;
using SglangCi.Toolkit.Analysis;

namespace SglangCi.Web.Charts;

/// <summary>
/// <c>GET /charts/series.png?hardware=…&amp;model=…&amp;mode=…&amp;metric=…&amp;load-kind=…&amp;load=…[&amp;host=…][&amp;night=…][&amp;nights=…]</c>:
/// a benchmark series as a PNG for Teams and Slack cards (<see cref="SeriesChartRequest"/> builds the URL). Anonymous
/// even when viewing needs sign-in: the chat service's servers fetch the image without a login, and it shows only the
/// numbers the card itself carries. 400 names the bad parameter; 404 when the series has no night to draw.
/// </summary>
public static class SeriesChartEndpoint
{
    /// <summary>Chat services and proxies may keep a chart a few minutes; a night's numbers change once a day.</summary>
    private const string CacheControl = "public, max-age=300";

    public static IEndpointRouteBuilder MapSeriesChartEndpoint(this IEndpointRouteBuilder endpoints)
    {
        // The band uses the thresholds the live analysis is configured with, so it matches what the alert judged.
        var configuration = endpoints.ServiceProvider.GetRequiredService<IConfiguration>();
        var settings = (configuration.GetSection(AnalysisOptions.SectionName).Get<AnalysisOptions>()?.Detection ?? DetectionSettings.Default).Validated();
        endpoints.MapGet(SeriesChartRequest.Path, (IGrainFactory grains, HttpRequest request, HttpResponse response) => RenderAsync(grains, request, response, settings))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> RenderAsync(IGrainFactory grains, HttpRequest request, HttpResponse response, DetectionSettings settings)
    {
        // Keys case-insensitive as people type them; the indexer (not ToDictionary) so "Model" beside "model" is no 500.
        var query = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in request.Query)
        {
            query[key] = value.ToString();
        }

        if (!SeriesChartRequest.TryParse(query, out var asked, out var error))
        {
            return Results.Text(error, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        // All hosts and loads of the (hardware, model, mode), up to the marked night: the builder picks the load point, and
        // the detector's band needs the nights before the window too.
        var trend = await grains.GetGrain<IHistoryQueryGrain>(0).Trend(new TrendQuery(asked!.Hardware, asked.Model, asked.Mode, asked.Host, To: asked.Night));
        var chart = SeriesChartBuilder.Build(asked, trend, settings);
        if (chart is null)
        {
            return Results.Text($"No night stored for {SeriesChartBuilder.Title(asked)}.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        response.Headers.CacheControl = CacheControl;
        return Results.File(SeriesChartRenderer.Render(chart), "image/png");
    }
}
