namespace SglangCi.Toolkit.History.Coverage;

/// <summary>
/// One <c>upstream_ci/ci_report/sglang_ci_report_YYYYMMDD.csv</c>: the day's category rows and the total. The date comes
/// from the file name (the caller passes it): the file holds none.
/// </summary>
public sealed record CoverageReport(SourceRef Source, DateOnly ReportDate, IReadOnlyList<CoverageRow> Rows, CoverageTotal? Total);
