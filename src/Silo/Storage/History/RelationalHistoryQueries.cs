using System.Data.Common;
using SglangCi.Grains.History;
using SglangCi.Interfaces.History;
using SglangCi.Silo.Storage.Results;

namespace SglangCi.Silo.Storage.History;

/// <summary>
/// Series and trends read from the <c>night_points</c> view (one number per night, series and load point, from the
/// most trusted source). Plain SQL both dialects speak; dates travel through the results dialect.
/// </summary>
public sealed class RelationalHistoryQueries(IResultsDatabase database) : IHistoryQueries
{
    public async Task<IReadOnlyList<TrendSeries>> SeriesAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT hardware, host, model, mode, load_kind, load, COUNT(*) AS nights, MIN(image_date) AS first, MAX(image_date) AS last
            FROM night_points
            GROUP BY hardware, host, model, mode, load_kind, load
            ORDER BY hardware, model, mode, host, load_kind, load;
            """;
        var dialect = database.Dialect;
        return await ReadAsync(sql, _ => { }, r => new TrendSeries(
            r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), ResultsWireNames.ParseLoadKind(r.GetString(4)), r.GetDouble(5),
            r.GetInt32(6), dialect.ReadDate(r, 7), dialect.ReadDate(r, 8)), cancellationToken);
    }

    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(TrendQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        const string sql = """
            SELECT host, image_date, image, load_kind, load, origin, run_id, e2e_median_ms, ttft_median_ms, itl_median_ms,
                   tpot_median_ms, output_token_throughput, e2e_p99_ms
            FROM night_points
            WHERE hardware = @hardware AND model = @model AND mode = @mode
              AND (@host IS NULL OR host = @host)
              AND (@from IS NULL OR image_date >= @from)
              AND (@to IS NULL OR image_date <= @to)
            ORDER BY image_date, host, load_kind, load;
            """;
        var dialect = database.Dialect;
        return await ReadAsync(sql, c => c
            .With("@hardware", query.Hardware).With("@model", query.Model).With("@mode", query.Mode).With("@host", query.Host)
            .With("@from", query.From is { } from ? dialect.Date(from) : null)
            .With("@to", query.To is { } to ? dialect.Date(to) : null),
            r => new TrendPoint(
                r.GetString(0), dialect.ReadDate(r, 1), r.IsDBNull(2) ? null : r.GetString(2), ResultsWireNames.ParseLoadKind(r.GetString(3)), r.GetDouble(4),
                r.GetString(5), r.GetString(6), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9),
                Nullable(r, 10), Nullable(r, 11), Nullable(r, 12)), cancellationToken);
    }

    private static double? Nullable(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Action<DbCommand> bind, Func<DbDataReader, T> map, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var command = ResultsCommands.Create(connection, null, sql);
        bind(command);
        return await ResultsCommands.ReadAllAsync(command, map, ct);
    }
}
