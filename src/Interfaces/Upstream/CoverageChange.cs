namespace SglangCi.Interfaces.Upstream;

/// <summary>
/// What a newly recorded coverage report changed against the report before it: the material of the Teams alert card.
/// The report compared with is the one it replaced (same date) if there was one, else the newest earlier report; with
/// none, <see cref="PreviousDate"/> is null and every "before" is null.
/// </summary>
/// <param name="ReportDate">The new report's date.</param>
/// <param name="PreviousDate">The date of the report compared with; null for the first report.</param>
/// <param name="PercentBefore">Total coverage of the previous report (as stated, may exceed 100).</param>
/// <param name="PercentAfter">Total coverage of the new report.</param>
/// <param name="Categories">Categories whose AMD or NVIDIA counts changed, appeared or disappeared, in the new report's order
/// (dropped ones last).</param>
/// <param name="GapListsCompared">True when both reports list their gaps (both computed); otherwise <see cref="NewGaps"/> and
/// <see cref="ClosedGaps"/> are empty because there was nothing to compare with.</param>
/// <param name="NewGaps">Files that became NVIDIA-only (in the new gap list, not in the previous one).</param>
/// <param name="ClosedGaps">Files that left the gap list (AMD runs them now, or they are gone).</param>
[GenerateSerializer, Immutable]
public sealed record CoverageChange(
    [property: Id(0)] DateOnly ReportDate,
    [property: Id(1)] DateOnly? PreviousDate,
    [property: Id(2)] double? PercentBefore,
    [property: Id(3)] double? PercentAfter,
    [property: Id(4)] int? AmdTotalBefore,
    [property: Id(5)] int? AmdTotalAfter,
    [property: Id(6)] int? NvidiaTotalBefore,
    [property: Id(7)] int? NvidiaTotalAfter,
    [property: Id(8)] IReadOnlyList<CoverageCategoryChange> Categories,
    [property: Id(9)] bool GapListsCompared,
    [property: Id(10)] IReadOnlyList<CoverageGapFile> NewGaps,
    [property: Id(11)] IReadOnlyList<CoverageGapFile> ClosedGaps)
{
    /// <summary>The change of total coverage in percentage points; null when either side is unknown.</summary>
    public double? PercentPointsChange => PercentBefore is { } before && PercentAfter is { } after ? after - before : null;

    /// <summary>True when there is anything to tell: the first report, a new total, a category or a gap that moved.</summary>
    public bool HasChanges =>
        PreviousDate is null
        || PercentBefore != PercentAfter || AmdTotalBefore != AmdTotalAfter || NvidiaTotalBefore != NvidiaTotalAfter
        || Categories.Count > 0 || NewGaps.Count > 0 || ClosedGaps.Count > 0;
}
