using System.Data.Common;
using SglangCi.Grains.Upstream;
using SglangCi.Interfaces.Upstream;
using SglangCi.Silo.Storage.Resilience;
using SglangCi.Silo.Storage.Results;

namespace SglangCi.Silo.Storage.Upstream;

/// <summary>
/// <see cref="ICoverageHistory"/> over the results database, the same SQL on SQLite and PostgreSQL
/// (<see cref="CoverageHistorySql"/>). Recording is one transaction: the previous report is read, then the date's row is
/// upserted (on PostgreSQL its row lock orders two writers of one date) and its categories and gaps replaced, so a reader
/// never sees half a report. The whole transaction is repeated on a transient failure, which is safe because it replaces.
/// </summary>
public sealed class RelationalCoverageHistory(IResultsDatabase database) : ICoverageHistory
{
    private readonly CoverageRows _rows = new(database.Dialect);

    public async Task<CoverageReportRecord?> RecordAsync(CoverageReportRecord report, CancellationToken cancellationToken)
    {
        CoverageReportValidation.ThrowIfInvalid(report);
        return await DatabaseRetry.Pipeline.ExecuteAsync(async ct =>
        {
            await using var connection = await database.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var comparedDate = await FindDateAsync(connection, transaction, CoverageHistorySql.SelectComparedDate, report.ReportDate, ct);
            var previous = comparedDate is { } date ? await ReadReportAsync(connection, transaction, date, ct) : null;
            await WriteAsync(connection, transaction, report, ct);
            await transaction.CommitAsync(ct);
            return previous;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<CoverageReportTotals>> HistoryAsync(CancellationToken cancellationToken) =>
        await ResultsCommands.ReadAllAsync(database, CoverageHistorySql.SelectHistory, _ => { }, _rows.ReadTotals, cancellationToken);

    public async Task<CoverageReportRecord?> ReportAsync(DateOnly? date, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var found = await FindDateAsync(connection, transaction, CoverageHistorySql.SelectReportDate, date, cancellationToken);
        var report = found is { } day ? await ReadReportAsync(connection, transaction, day, cancellationToken) : null;
        await transaction.CommitAsync(cancellationToken);
        return report;
    }

    private async Task WriteAsync(DbConnection connection, DbTransaction transaction, CoverageReportRecord report, CancellationToken ct)
    {
        var dialect = database.Dialect;
        var date = dialect.Date(report.ReportDate);
        await ResultsCommands.ExecuteAsync(connection, transaction, CoverageHistorySql.UpsertReport, c => c
            .With("@date", date).With("@origin", CoverageRows.Word(report.Origin)).With("@commit", report.Commit)
            .With("@amd", report.AmdTotal).With("@nvidia", report.NvidiaTotal).With("@percent", report.CoveragePercent)
            .With("@path", report.SourcePath).With("@recorded_at", report.RecordedAt is { } at ? dialect.Timestamp(at) : null), ct);
        await ResultsCommands.ExecuteAsync(connection, transaction, CoverageHistorySql.DeleteCategories, c => c.With("@date", date), ct);
        await ResultsCommands.ExecuteAsync(connection, transaction, CoverageHistorySql.DeleteGaps, c => c.With("@date", date), ct);
        for (var i = 0; i < report.Categories.Count; i++)
        {
            var row = report.Categories[i];
            await ResultsCommands.ExecuteAsync(connection, transaction, CoverageHistorySql.InsertCategory, c => c
                .With("@date", date).With("@section", CoverageRows.SectionKey(row.Section)).With("@category", row.Category)
                .With("@amd", row.AmdTests).With("@nvidia", row.NvidiaTests).With("@percent", row.CoveragePercent).With("@line", i + 1), ct);
        }

        foreach (var gap in report.Gaps)
        {
            await ResultsCommands.ExecuteAsync(connection, transaction, CoverageHistorySql.InsertGap, c => c
                .With("@date", date).With("@category", gap.Category).With("@file", gap.File).With("@estimated_s", gap.EstimatedSeconds), ct);
        }
    }

    private async Task<DateOnly?> FindDateAsync(DbConnection connection, DbTransaction transaction, string sql, DateOnly? date, CancellationToken ct)
    {
        var command = ResultsCommands.Create(connection, transaction, sql).With("@date", date is { } d ? database.Dialect.Date(d) : null);
        var dates = await ResultsCommands.ReadAllAsync(command, _rows.ReadDate, ct);
        return dates.Count == 0 ? null : dates[0];
    }

    private async Task<CoverageReportRecord?> ReadReportAsync(DbConnection connection, DbTransaction transaction, DateOnly date, CancellationToken ct)
    {
        var key = database.Dialect.Date(date);
        var categories = await ResultsCommands.ReadAllAsync(Select(CoverageHistorySql.SelectCategories), CoverageRows.ReadCategory, ct);
        var gaps = await ResultsCommands.ReadAllAsync(Select(CoverageHistorySql.SelectGaps), CoverageRows.ReadGap, ct);
        var reports = await ResultsCommands.ReadAllAsync(Select(CoverageHistorySql.SelectReport), r => _rows.ReadReport(r, categories, gaps), ct);
        return reports.Count == 0 ? null : reports[0];

        DbCommand Select(string sql) => ResultsCommands.Create(connection, transaction, sql).With("@date", key);
    }
}
