using SglangCi.Toolkit.History;
using SglangCi.Toolkit.History.Coverage;

namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// Converts a comparison into the shapes history stores: the old CSV's <see cref="CoverageReport"/> and the
/// <see cref="CoverageGap"/> list. The report is made by writing the CSV and reading it back with the same parser that
/// imports the old files, so a stored day cannot differ from its CSV, and its rows' <see cref="SourceRef"/> lines point
/// into the file a storage job writes with <see cref="CoverageCsvWriter"/>.
/// </summary>
public static class CoverageHistory
{
    /// <summary>The old tool's file name for a day's report, relative to the history root.</summary>
    public static string ReportPath(DateOnly reportDate) => $"upstream_ci/ci_report/sglang_ci_report_{reportDate:yyyyMMdd}.csv";

    public static CoverageReport ToReport(CoverageComparison comparison, DateOnly reportDate, string? relativePath = null) =>
        CoverageReportParser.Parse(CoverageCsvWriter.Write(comparison), relativePath ?? ReportPath(reportDate), reportDate);

    /// <summary>
    /// Every NVIDIA-only file, per category, with NVIDIA's estimate — per-GPU nightly categories included: they are not
    /// CSV rows (<c>nightly-models-test</c> stands there), but their missing files are real gaps worth listing.
    /// </summary>
    public static IReadOnlyList<CoverageGap> Gaps(CoverageComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return comparison.Categories
            .SelectMany(c => c.NvidiaOnly.Select(f => new CoverageGap(c.Name, f.File, f.EstimatedSeconds)))
            .ToList();
    }
}
