namespace SglangCi.Interfaces.Upstream;

/// <summary>
/// One day's coverage report as stored: the totals, every category row and, for a computed report, the gap list. The
/// store keeps one report per <see cref="ReportDate"/>; recording another of that date replaces it.
/// </summary>
/// <param name="Commit">The SGLang commit a computed report counted; null for imported reports.</param>
/// <param name="AmdTotal">The <c>Total</c> row's AMD count; null when the report had no total row.</param>
/// <param name="CoveragePercent">The total coverage as the report states it (may exceed 100); null when unknown.</param>
/// <param name="SourcePath">What it was made from: the imported CSV's path, or the checkout a computed report read.</param>
/// <param name="RecordedAt">When it was stored; null for imported reports (the old CSVs say only their date).</param>
/// <param name="Gaps">The NVIDIA-only test files; always empty for imported reports (see <see cref="HasGapList"/>).</param>
[GenerateSerializer, Immutable]
public sealed record CoverageReportRecord(
    [property: Id(0)] DateOnly ReportDate,
    [property: Id(1)] CoverageOrigin Origin,
    [property: Id(2)] string? Commit,
    [property: Id(3)] int? AmdTotal,
    [property: Id(4)] int? NvidiaTotal,
    [property: Id(5)] double? CoveragePercent,
    [property: Id(6)] string SourcePath,
    [property: Id(7)] DateTimeOffset? RecordedAt,
    [property: Id(8)] IReadOnlyList<CoverageCategoryCount> Categories,
    [property: Id(9)] IReadOnlyList<CoverageGapFile> Gaps)
{
    /// <summary>
    /// Whether <see cref="Gaps"/> means anything: only computed reports list their NVIDIA-only files, so an imported
    /// report's empty list says "not kept", not "no gaps".
    /// </summary>
    public bool HasGapList => Origin == CoverageOrigin.Computed;
}
