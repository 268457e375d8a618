using SglangCi.Interfaces.History;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// Where a comparison reads runs and trends from: the cluster (the dashboard, the CLI by default) or a results file
/// opened directly (<c>sglang-ci compare --db</c>). Two reads are all <see cref="Comparison.LoadAsync"/> needs, so
/// both paths share every decision after them.
/// </summary>
public interface IComparisonSource
{
    /// <summary>The run's details; null when no run has the id.</summary>
    Task<RunDetails?> GetRunAsync(string runId, CancellationToken cancellationToken);

    Task<IReadOnlyList<TrendPoint>> TrendAsync(TrendQuery query, CancellationToken cancellationToken);
}
