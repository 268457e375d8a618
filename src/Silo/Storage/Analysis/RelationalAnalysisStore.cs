using System.Data.Common;
using SglangCi.Grains.Storage;
using SglangCi.Interfaces.Analysis;
using SglangCi.Silo.Storage.Results;

namespace SglangCi.Silo.Storage.Analysis;

/// <summary>
/// <see cref="IAnalysisStore"/> over the results database (schema: <c>Sql/sqlite/0010_analysis.sql</c>,
/// <c>Sql/postgres/0002_results.sql</c>). Plain SQL both dialects speak (<c>ON CONFLICT … DO UPDATE</c>); dates and times travel through the results dialect.
/// </summary>
public sealed class RelationalAnalysisStore(IResultsDatabase database) : IAnalysisStore
{
    private const string AlertColumns =
        "id, series_key, kind, status, hardware, host, model, mode, load_kind, load, metric, opened_night, since_night, last_night, "
        + "baseline, value, change, image, baseline_image, acknowledged_by, acknowledged_at, note, resolved_night, resolved_at, resolution";

    private const string ChangePointColumns = "hardware, host, model, mode, load_kind, load, metric, night, before, after, change, t, image, found_at";

    private static readonly string UpsertAlertSql = $"""
        INSERT INTO analysis_alerts ({AlertColumns})
        VALUES ({string.Join(", ", AlertColumns.Split(", ").Select(c => "@" + c))})
        ON CONFLICT (id) DO UPDATE SET
            {string.Join(", ", AlertColumns.Split(", ").Skip(1).Select(c => $"{c} = excluded.{c}"))};
        """;

    private static readonly string InsertChangePointSql = $"""
        INSERT INTO change_points ({ChangePointColumns})
        VALUES ({string.Join(", ", ChangePointColumns.Split(", ").Select(c => "@" + c))})
        ON CONFLICT (hardware, host, model, mode, load_kind, load, metric, night) DO UPDATE SET
            before = excluded.before, after = excluded.after, change = excluded.change, t = excluded.t, image = excluded.image;
        """;

    public async Task<IReadOnlyList<SeriesAlert>> QueryAlertsAsync(string? hardware, bool includeResolved, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {AlertColumns} FROM analysis_alerts
            WHERE (CAST(@hardware AS TEXT) IS NULL OR hardware = @hardware) AND (@all = 1 OR status <> 'resolved')
            ORDER BY opened_night DESC, hardware, series_key;
            """;
        return await ResultsCommands.ReadAllAsync(database, sql, c => c.With("@hardware", hardware).With("@all", includeResolved ? 1 : 0), ReadAlert, cancellationToken);
    }

    public async Task<SeriesAlert?> GetAlertAsync(string id, CancellationToken cancellationToken)
    {
        var rows = await ResultsCommands.ReadAllAsync(database, $"SELECT {AlertColumns} FROM analysis_alerts WHERE id = @id;", c => c.With("@id", id), ReadAlert, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task SaveAlertsAsync(IReadOnlyList<SeriesAlert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        if (alerts.Count == 0)
        {
            return;
        }

        var dialect = database.Dialect;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var a in alerts)
        {
            await ResultsCommands.ExecuteAsync(connection, transaction, UpsertAlertSql, c => c
                .With("@id", a.Id).With("@series_key", a.SeriesKey).With("@kind", SeriesAlertWords.Of(a.Kind)).With("@status", SeriesAlertWords.Of(a.Status))
                .With("@hardware", a.Hardware).With("@host", a.Host).With("@model", a.Model).With("@mode", a.Mode)
                .With("@load_kind", a.LoadKind is { } kind ? ResultsWireNames.Of(kind) : null).With("@load", a.Load).With("@metric", a.Metric)
                .With("@opened_night", dialect.Date(a.OpenedNight)).With("@since_night", a.Since is { } since ? dialect.Date(since) : null)
                .With("@last_night", dialect.Date(a.LastNight)).With("@baseline", a.Baseline).With("@value", a.Value).With("@change", a.Change)
                .With("@image", a.Image).With("@baseline_image", a.BaselineImage).With("@acknowledged_by", a.AcknowledgedBy)
                .With("@acknowledged_at", a.AcknowledgedAt is { } ackAt ? dialect.Timestamp(ackAt) : null).With("@note", a.Note)
                .With("@resolved_night", a.ResolvedNight is { } resolved ? dialect.Date(resolved) : null)
                .With("@resolved_at", a.ResolvedAt is { } resolvedAt ? dialect.Timestamp(resolvedAt) : null).With("@resolution", a.Resolution),
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> SaveChangePointsAsync(IReadOnlyList<RecordedChangePoint> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return 0;
        }

        var dialect = database.Dialect;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await CountChangePointsAsync(connection, transaction, cancellationToken);
        foreach (var p in points)
        {
            await ResultsCommands.ExecuteAsync(connection, transaction, InsertChangePointSql, c => c
                .With("@hardware", p.Hardware).With("@host", p.Host).With("@model", p.Model).With("@mode", p.Mode)
                .With("@load_kind", ResultsWireNames.Of(p.LoadKind)).With("@load", p.Load).With("@metric", p.Metric).With("@night", dialect.Date(p.Night))
                .With("@before", p.Before).With("@after", p.After).With("@change", p.Change).With("@t", Finite(p.T)).With("@image", p.Image)
                .With("@found_at", dialect.Timestamp(p.FoundAt)),
                cancellationToken);
        }

        var added = (int)(await CountChangePointsAsync(connection, transaction, cancellationToken) - before);
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<RecordedChangePoint>> QueryChangePointsAsync(string? hardware, DateOnly? from, CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
        var sql = $"""
            SELECT {ChangePointColumns} FROM change_points
            WHERE (CAST(@hardware AS TEXT) IS NULL OR hardware = @hardware) AND (CAST(@from AS TEXT) IS NULL OR night >= @from)
            ORDER BY night DESC, hardware, model, mode, host, load_kind, load, metric;
            """;
        return await ResultsCommands.ReadAllAsync(database, sql, c => c.With("@hardware", hardware).With("@from", from is { } f ? dialect.Date(f) : null), r => new RecordedChangePoint(
            r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), ResultsWireNames.ParseLoadKind(r.GetString(4)), r.GetDouble(5), r.GetString(6),
            dialect.ReadDate(r, 7), r.GetDouble(8), r.GetDouble(9), r.GetDouble(10), r.GetDouble(11), r.IsDBNull(12) ? null : r.GetString(12),
            dialect.ReadTimestamp(r, 13)), cancellationToken);
    }

    /// <summary>Welch's t is infinite when both fortnights are flat; a REAL column cannot hold that, a large number reads the same.</summary>
    private static double Finite(double t) => double.IsFinite(t) ? t : Math.Sign(t) * 999;

    private static async Task<long> CountChangePointsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var count = ResultsCommands.Create(connection, transaction, "SELECT COUNT(*) FROM change_points;");
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private SeriesAlert ReadAlert(DbDataReader r)
    {
        var dialect = database.Dialect;
        DateOnly? Date(int i) => r.IsDBNull(i) ? null : dialect.ReadDate(r, i);
        DateTimeOffset? Time(int i) => r.IsDBNull(i) ? null : dialect.ReadTimestamp(r, i);
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        double? Number(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        return new SeriesAlert(
            r.GetString(0), SeriesAlertWords.ParseKind(r.GetString(2)), SeriesAlertWords.ParseStatus(r.GetString(3)),
            r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7),
            Text(8) is { } kind ? ResultsWireNames.ParseLoadKind(kind) : null, Number(9), r.GetString(10),
            dialect.ReadDate(r, 11), Date(12), dialect.ReadDate(r, 13), Number(14), Number(15), Number(16), Text(17), Text(18),
            Text(19), Time(20), Text(21), Date(22), Time(23), Text(24));
    }

}
