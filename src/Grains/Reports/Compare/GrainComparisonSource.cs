using SglangCi.Interfaces;
using SglangCi.Interfaces.History;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>Runs and trends through the cluster's grains.</summary>
/// <remarks>
/// Finished runs are read from the results tables (the record of history); a run still in flight, or one not written
/// there yet, only its grain knows — <see cref="RunDetailsChoice"/>'s rule, as on the run page and in <c>show</c>.
/// </remarks>
public sealed class GrainComparisonSource(IGrainFactory grains) : IComparisonSource
{
    public async Task<RunDetails?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        var stored = await grains.GetGrain<IRunQueryGrain>(0).GetRun(runId);
        return await RunDetailsChoice.PreferAsync(stored, () => grains.GetGrain<IRunGrain>(runId).GetDetails());
    }

    public Task<IReadOnlyList<TrendPoint>> TrendAsync(TrendQuery query, CancellationToken cancellationToken) =>
        grains.GetGrain<IHistoryQueryGrain>(0).Trend(query);
}
