using SglangCi.Interfaces.Upstream;
using SglangCi.Toolkit.History.Coverage;

namespace SglangCi.Grains.Upstream;

/// <summary>
/// Turns the toolkit's <see cref="CoverageReport"/> (the shape both the CSV parser and the checkout counter produce) into
/// the record <see cref="IUpstreamCoverageGrain.RecordAsync"/> stores.
/// </summary>
public static class CoverageReportRecords
{
    /// <summary>A report counted from the checkout <paramref name="checkout"/> at <paramref name="commit"/>, with its gap list.</summary>
    public static CoverageReportRecord Computed(
        CoverageReport report, IReadOnlyList<CoverageGap> gaps, string checkout, string? commit, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(gaps);
        return new CoverageReportRecord(
            report.ReportDate,
            CoverageOrigin.Computed,
            commit,
            report.Total?.AmdTotal,
            report.Total?.NvidiaTotal,
            report.Total?.CoveragePercent,
            checkout,
            recordedAt,
            report.Rows.Select(r => new CoverageCategoryCount(r.Section, r.Category, r.AmdTests, r.NvidiaTests, r.CoveragePercent)).ToList(),
            gaps.Select(g => new CoverageGapFile(g.Category, g.File, g.EstimatedSeconds)).ToList());
    }
}
