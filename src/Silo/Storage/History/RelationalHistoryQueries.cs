using System.Data.Common;
using System.Globalization;
using SglangCi.Grains.History;
using SglangCi.Interfaces.History;
using SglangCi.Silo.Storage.Results;

namespace SglangCi.Silo.Storage.History;

/// <summary>
/// Series and trends: one number per night, series and load point, from the most trusted source, as the
/// <c>night_points</c> view defines it. Plain SQL both dialects speak (<see cref="PortableResultsDialect"/> gives the
/// rules); dates travel through the results dialect.
/// Both answers are remembered until the results tables change (<see cref="ResultsReadCache"/>): the series list
/// aggregates every night there is.
/// </summary>
public sealed class RelationalHistoryQueries(IResultsDatabase database) : IHistoryQueries, IAsyncDisposable
{
    private readonly ResultsReadCache _cache = new(database);

    /// <summary>
    /// One trend, as <c>night_points</c> would give it, but choosing among only the runs of that (hardware, model,
    /// mode): the view picks per (hardware, host, model, mode, night, load point), so restricting the runs first
    /// changes no pick and spares ranking every point of every other series.
    /// </summary>
    private const string TrendSql = """
        WITH series AS (
            SELECT id, host, image_date, image, started_at
            FROM runs
            WHERE hardware = @hardware AND model = @model AND mode = @mode AND image_date IS NOT NULL
              AND (CAST(@host AS TEXT) IS NULL OR host = @host)
              AND (CAST(@from AS TEXT) IS NULL OR image_date >= @from)
              AND (CAST(@to AS TEXT) IS NULL OR image_date <= @to)),
        medians AS (
            SELECT run_id, load_kind, load, 'client-log' AS origin, 0 AS rank,
                   e2e_median_ms, ttft_median_ms, itl_median_ms, tpot_median_ms, output_token_throughput, e2e_p99_ms
            FROM (SELECT bp.run_id, bp.load_kind, bp.load, bp.e2e_median_ms, bp.ttft_median_ms, bp.itl_median_ms,
                         bp.tpot_median_ms, bp.output_token_throughput, bp.e2e_p99_ms,
                         ROW_NUMBER() OVER (PARTITION BY bp.run_id, bp.load_kind, bp.load
                                            ORDER BY bp.e2e_median_ms IS NULL, bp.e2e_median_ms, bp.repetition) AS pick
                  FROM series s
                  JOIN benchmark_points bp ON bp.run_id = s.id) best
            WHERE pick = 1
            UNION ALL
            SELECT sp.run_id, sp.load_kind, sp.load, sp.origin,
                   CASE sp.origin WHEN 'csv' THEN 1 WHEN 'timing-summary' THEN 2 ELSE 3 END,
                   sp.e2e_median_ms, sp.ttft_median_ms, sp.itl_median_ms, NULL, NULL, NULL
            FROM series s
            JOIN summary_points sp ON sp.run_id = s.id),
        ranked AS (
            SELECT s.host, s.image_date, s.image, m.load_kind, m.load, m.origin, m.run_id, m.e2e_median_ms, m.ttft_median_ms,
                   m.itl_median_ms, m.tpot_median_ms, m.output_token_throughput, m.e2e_p99_ms,
                   ROW_NUMBER() OVER (PARTITION BY s.host, s.image_date, m.load_kind, m.load
                                      ORDER BY m.rank, s.started_at DESC NULLS LAST) AS pick
            FROM medians m
            JOIN series s ON s.id = m.run_id
            WHERE m.e2e_median_ms IS NOT NULL AND m.ttft_median_ms IS NOT NULL AND m.itl_median_ms IS NOT NULL)
        SELECT host, image_date, image, load_kind, load, origin, run_id, e2e_median_ms, ttft_median_ms, itl_median_ms,
               tpot_median_ms, output_token_throughput, e2e_p99_ms
        FROM ranked
        WHERE pick = 1
        ORDER BY image_date, host, load_kind, load;
        """;

    public Task<IReadOnlyList<TrendSeries>> SeriesAsync(CancellationToken cancellationToken) =>
        _cache.GetOrLoadAsync("series", ReadSeriesAsync, cancellationToken);

    public Task<IReadOnlyList<TrendPoint>> TrendAsync(TrendQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _cache.GetOrLoadAsync(string.Create(CultureInfo.InvariantCulture, $"trend\n{query.Hardware}\n{query.Model}\n{query.Mode}\n{query.Host}\n{query.From}\n{query.To}"),
            ct => ReadTrendAsync(query, ct), cancellationToken);
    }

    public Task<IReadOnlyList<AccuracyPoint>> AccuracyAsync(string? hardware, CancellationToken cancellationToken) =>
        _cache.GetOrLoadAsync($"accuracy\n{hardware}", ct => ReadAccuracyAsync(hardware, ct), cancellationToken);

    public ValueTask DisposeAsync() => _cache.DisposeAsync();

    private async Task<IReadOnlyList<TrendSeries>> ReadSeriesAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT hardware, host, model, mode, load_kind, load, CAST(COUNT(*) AS INTEGER) AS nights, MIN(image_date) AS first, MAX(image_date) AS last
            FROM night_points
            GROUP BY hardware, host, model, mode, load_kind, load
            ORDER BY hardware, model, mode, host, load_kind, load;
            """;
        var dialect = database.Dialect;
        return await ResultsCommands.ReadAllAsync(database, sql, _ => { }, r => new TrendSeries(
            r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), ResultsWireNames.ParseLoadKind(r.GetString(4)), r.GetDouble(5),
            r.GetInt32(6), dialect.ReadDate(r, 7), dialect.ReadDate(r, 8)), cancellationToken);
    }

    private async Task<IReadOnlyList<TrendPoint>> ReadTrendAsync(TrendQuery query, CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
        return await ResultsCommands.ReadAllAsync(database, TrendSql, c => c
            .With("@hardware", query.Hardware).With("@model", query.Model).With("@mode", query.Mode).With("@host", query.Host)
            .With("@from", query.From is { } from ? dialect.Date(from) : null)
            .With("@to", query.To is { } to ? dialect.Date(to) : null),
            r => new TrendPoint(
                r.GetString(0), dialect.ReadDate(r, 1), r.IsDBNull(2) ? null : r.GetString(2), ResultsWireNames.ParseLoadKind(r.GetString(3)), r.GetDouble(4),
                r.GetString(5), r.GetString(6), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9),
                Nullable(r, 10), Nullable(r, 11), Nullable(r, 12)), cancellationToken);
    }

    /// <summary>One row per trial, in run order, folded into one point per run.</summary>
    private async Task<IReadOnlyList<AccuracyPoint>> ReadAccuracyAsync(string? hardware, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT r.hardware, r.host, r.model, r.mode, r.image_date, r.image, r.id, g.threshold, t.accuracy
            FROM runs r
            JOIN gsm8k_gates g ON g.run_id = r.id
            JOIN gsm8k_trials t ON t.run_id = r.id
            WHERE r.image_date IS NOT NULL AND (CAST(@hardware AS TEXT) IS NULL OR lower(r.hardware) = lower(@hardware))
            ORDER BY r.image_date, r.started_at NULLS FIRST, r.id, t.trial;
            """;
        var dialect = database.Dialect;
        var rows = await ResultsCommands.ReadAllAsync(database, sql, c => c.With("@hardware", hardware), r => (
            Point: new AccuracyPoint(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), dialect.ReadDate(r, 4),
                r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), r.GetDouble(7), []),
            Trial: r.GetDouble(8)), cancellationToken);
        return [.. rows.GroupBy(row => row.Point.RunId).Select(run => run.First().Point with { Trials = [.. run.Select(row => row.Trial)] })];
    }

    private static double? Nullable(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

}
