using SglangCi.Web.ViewModels;

namespace SglangCi.Web.Trends;

/// <summary>
/// <c>GET /trends.csv?hw=…&amp;model=…&amp;mode=…&amp;host=…&amp;load=…</c>: the trends page's table as a file. An endpoint
/// rather than a <c>data:</c> URI because the page would otherwise ship every night's CSV down the circuit on each
/// render, and because a plain URL can be fetched by scripts (curl) with the same query string as the page.
/// </summary>
public static class TrendCsvEndpoint
{
    public const string Path = "/trends.csv";

    public static IEndpointRouteBuilder MapTrendCsvEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ExportAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(IGrainFactory grains, HttpRequest request)
    {
        var query = request.Query;
        var asked = TrendSelection.Parse(query["hw"], query["model"], query["mode"], query["host"], query["load"], query["metric"]);
        var model = await TrendsViewModel.LoadAsync(grains, asked);
        if (model.Selection is null)
        {
            return Results.NotFound("No benchmark series stored yet.");
        }

        return Results.File(
            System.Text.Encoding.UTF8.GetBytes(TrendCsv.Write(model.Selection, model.Rows)),
            "text/csv; charset=utf-8",
            TrendCsv.FileName(model.Selection));
    }
}
