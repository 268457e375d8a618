using SglangCi.Interfaces.Upstream;

namespace SglangCi.Grains.Upstream;

/// <summary>
/// The coverage history over the results database; implemented once for both engines by the Silo. One report per date:
/// recording replaces that date's report (totals, categories and gaps together, in one transaction).
/// </summary>
public interface ICoverageHistory
{
    /// <summary>
    /// Stores <paramref name="report"/> and returns the report it is to be compared with, read in the same transaction:
    /// the one it replaced (same date) if any, else the newest earlier one; null when there is none.
    /// </summary>
    Task<CoverageReportRecord?> RecordAsync(CoverageReportRecord report, CancellationToken cancellationToken);

    /// <summary>Every report's totals, oldest first.</summary>
    Task<IReadOnlyList<CoverageReportTotals>> HistoryAsync(CancellationToken cancellationToken);

    /// <summary>The report of <paramref name="date"/>, or the latest when null; null when there is none.</summary>
    Task<CoverageReportRecord?> ReportAsync(DateOnly? date, CancellationToken cancellationToken);
}
