using Orleans.Concurrency;
using SglangCi.Interfaces.Upstream;

namespace SglangCi.Grains.Upstream;

/// <summary>
/// The coverage history's grain: a stateless worker over <see cref="ICoverageHistory"/>, so the dashboard's reads never
/// queue behind a recording and any silo can serve them.
/// </summary>
[StatelessWorker]
public sealed class UpstreamCoverageGrain(ICoverageHistory history) : Grain, IUpstreamCoverageGrain
{
    public async Task<CoverageChange> RecordAsync(CoverageReportRecord report)
    {
        CoverageReportValidation.ThrowIfInvalid(report);
        var previous = await history.RecordAsync(report, CancellationToken.None);
        return CoverageChanges.Between(previous, report);
    }

    public Task<IReadOnlyList<CoverageReportTotals>> GetHistoryAsync() => history.HistoryAsync(CancellationToken.None);

    public Task<CoverageReportRecord?> GetReportAsync(DateOnly? date) => history.ReportAsync(date, CancellationToken.None);
}
