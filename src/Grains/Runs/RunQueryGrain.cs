using Orleans.Concurrency;
using SglangCi.Grains.Storage;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>Reads run history from the results tables; a stateless worker, so queries scale with silos.</summary>
[StatelessWorker]
public sealed class RunQueryGrain(IResultsStore results) : Grain, IRunQueryGrain
{
    public Task<IReadOnlyList<RunSummary>> QueryRuns(RunQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return results.QueryRunsAsync(query, CancellationToken.None);
    }

    public Task<IReadOnlyList<RunDay>> RunDays(DateOnly? from, DateOnly? to) =>
        results.QueryRunDaysAsync(from, to, CancellationToken.None);

    public Task<RunDetails?> GetRun(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return results.GetRunAsync(runId, CancellationToken.None);
    }
}
