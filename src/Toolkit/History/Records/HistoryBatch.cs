using SglangCi.Toolkit.History.Coverage;
using SglangCi.Toolkit.History.Pd;
using SglangCi.Toolkit.History.Sanity;
using SglangCi.Toolkit.History.UnitTests;

namespace SglangCi.Toolkit.History.Records;

/// <summary>
/// Everything one unit of the imported tree (a result folder, a cron log, a test log) turned into, written in one
/// transaction so a unit is either wholly stored or not at all. Each list holds one kind of row.
/// </summary>
public sealed class HistoryBatch
{
    public List<HistoryRun> Runs { get; } = [];

    /// <summary>Runs known only from a cron log: stored unless a result folder already described them.</summary>
    public List<HistoryRun> WeakRuns { get; } = [];

    public List<HistoryClientPoint> ClientPoints { get; } = [];

    public List<HistoryMedianPoint> MedianPoints { get; } = [];

    public List<HistoryGate> Gates { get; } = [];

    public List<HistoryImageCheck> ImageChecks { get; } = [];

    public List<SanitySummary> SanitySummaries { get; } = [];

    public List<HistorySanityResult> SanityResults { get; } = [];

    /// <summary>PD runs with the folder name that identifies them (reruns are <c>&lt;tag&gt;_rerun</c>, <c>_rerun2</c>).</summary>
    public List<(string Label, PdTestSummary Summary)> PdTests { get; } = [];

    public List<UnitTestRun> UnitTests { get; } = [];

    public List<CoverageReport> CoverageReports { get; } = [];

    public List<ImportIssue> Issues { get; } = [];

    public int RowCount => Runs.Count + WeakRuns.Count + ClientPoints.Count + MedianPoints.Count + Gates.Count + Gates.Sum(g => g.Trials.Count) + ImageChecks.Count
        + SanitySummaries.Sum(s => s.Attempts.Count + s.Attempts.Sum(a => a.Trials.Count)) + SanityResults.Count
        + PdTests.Count + UnitTests.Count + CoverageReports.Sum(c => c.Rows.Count + 1);
}
