namespace SglangCi.Interfaces.Upstream;

/// <summary>One report of the coverage history without its rows: what the trend chart and the report picker need.</summary>
/// <param name="GapCount">How many NVIDIA-only files a computed report listed; 0 for imported reports, which kept none.</param>
[GenerateSerializer, Immutable]
public sealed record CoverageReportTotals(
    [property: Id(0)] DateOnly ReportDate,
    [property: Id(1)] CoverageOrigin Origin,
    [property: Id(2)] string? Commit,
    [property: Id(3)] int? AmdTotal,
    [property: Id(4)] int? NvidiaTotal,
    [property: Id(5)] double? CoveragePercent,
    [property: Id(6)] int GapCount);
