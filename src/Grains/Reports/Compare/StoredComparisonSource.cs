using SglangCi.Grains.History;
using SglangCi.Grains.Storage;
using SglangCi.Interfaces.History;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// Runs and trends straight from the results tables, with no cluster: what the grains read themselves, so a
/// comparison of a file gives what the dashboard over that file would. Only finished runs are there.
/// </summary>
public sealed class StoredComparisonSource(IResultsStore results, IHistoryQueries history) : IComparisonSource
{
    public Task<RunDetails?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        results.GetRunAsync(runId, cancellationToken);

    public Task<IReadOnlyList<TrendPoint>> TrendAsync(TrendQuery query, CancellationToken cancellationToken) =>
        history.TrendAsync(query, cancellationToken);
}
