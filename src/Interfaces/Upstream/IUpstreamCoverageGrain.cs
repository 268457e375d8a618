namespace SglangCi.Interfaces.Upstream;

/// <summary>
/// The upstream coverage history (AMD vs NVIDIA test counts of SGLang's CI, one report per date): recording a new report
/// and reading the history for the dashboard and the CLI. A stateless worker; use key 0.
/// </summary>
public interface IUpstreamCoverageGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Stores <paramref name="report"/> as its date's report (replacing any report of that date, imported or computed, in
    /// one transaction) and says what changed against the report before it.
    /// </summary>
    Task<CoverageChange> RecordAsync(CoverageReportRecord report);

    /// <summary>Every report's totals, oldest first.</summary>
    Task<IReadOnlyList<CoverageReportTotals>> GetHistoryAsync();

    /// <summary>The report of <paramref name="date"/> with its categories and gaps, the latest when null; null when there is none.</summary>
    Task<CoverageReportRecord?> GetReportAsync(DateOnly? date);
}
