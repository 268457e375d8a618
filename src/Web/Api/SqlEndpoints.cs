using SglangCi.Interfaces.Sql;

namespace SglangCi.Web.Api;

/// <summary>
/// The SQL explorer over HTTP, for scripts and for the database page's download: <c>GET /api/sql?q=…&amp;max=…</c>
/// answers JSON (see <see cref="SqlResultJson"/>), <c>GET /api/sql.csv?q=…</c> a CSV file. Both go through
/// <see cref="ISqlExplorerGrain"/>, so they have exactly the page's guarantees: a read-only connection, one statement,
/// the time limit and the row cap. A refused or failing query is a 400 whose <c>error</c> says why.
/// </summary>
public static class SqlEndpoints
{
    public const string JsonPath = "/api/sql";
    public const string CsvPath = "/api/sql.csv";

    /// <summary>Rows the JSON answer holds unless <c>max</c> asks otherwise (the grain caps it at its own limit).</summary>
    public const int DefaultJsonRows = 1000;

    public static IEndpointRouteBuilder MapSqlEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(JsonPath, QueryAsync).ExcludeFromDescription();
        endpoints.MapGet(CsvPath, ExportAsync).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The link the database page offers for its current query.</summary>
    public static string CsvLink(string sql) => CsvPath.TrimStart('/') + "?q=" + Uri.EscapeDataString(sql);

    private static async Task<IResult> QueryAsync(IGrainFactory grains, ILoggerFactory loggers, string? q, int? max)
    {
        var (result, error) = await RunAsync(grains, loggers, q, max ?? DefaultJsonRows);
        return result is null ? error! : Results.Bytes(SqlResultJson.Write(result), "application/json; charset=utf-8");
    }

    private static async Task<IResult> ExportAsync(IGrainFactory grains, ILoggerFactory loggers, HttpResponse response, string? q, int? max)
    {
        var (result, error) = await RunAsync(grains, loggers, q, max ?? Grains.Sql.SqlExplorerGrain.RowLimit);
        if (result is null)
        {
            return error!;
        }

        // A CSV has no room to say it was cut short; a header does, for scripts that care.
        response.Headers["X-Sql-Truncated"] = result.Truncated ? "true" : "false";
        return Results.File(System.Text.Encoding.UTF8.GetBytes(SqlResultCsv.Write(result)), "text/csv; charset=utf-8", SqlResultCsv.FileName);
    }

    private static async Task<(SqlQueryResult? Result, IResult? Error)> RunAsync(IGrainFactory grains, ILoggerFactory loggers, string? sql, int maxRows)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            return (null, Failure("Give the query as ?q=SELECT …", StatusCodes.Status400BadRequest));
        }

        try
        {
            return (await grains.GetGrain<ISqlExplorerGrain>(0).Query(sql, maxRows), null);
        }
        catch (ArgumentException exception)
        {
            return (null, Failure(exception.Message, StatusCodes.Status400BadRequest));
        }
        catch (TimeoutException exception)
        {
            loggers.CreateLogger(typeof(SqlEndpoints)).LogWarning(exception, "The SQL explorer did not answer");
            return (null, Failure("The cluster did not answer in time; the query may have run too long.", StatusCodes.Status504GatewayTimeout));
        }
    }

    private static IResult Failure(string error, int status) => Results.Json(new SqlError(error), statusCode: status);

    private sealed record SqlError(string Error);
}
