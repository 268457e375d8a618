using Orleans.Storage;
using SglangCi.Silo.Storage.Resilience;

namespace SglangCi.Silo.Storage.Providers;

/// <summary>
/// Grain state through <see cref="DatabaseRetry"/>: Orleans' ADO.NET provider gives up on the first broken connection, and
/// after a PostgreSQL restart every pooled connection is broken once, so without this a run's phase change (or a node's
/// lease) written in that moment would fail the grain call. A repeated write carries the ETag it read, so it is never
/// applied twice. The one ambiguous case — the first attempt committed but its reply was lost — makes the retry fail as
/// <see cref="InconsistentStateException"/>: the call fails although the state was written, and Orleans reactivates
/// the grain from the stored (written) state. Callers already treat a failed call as "may have happened": a run whose
/// lease request failed owes the node a release (<c>RunGrain</c>'s clean-up), so no lease leaks either way.
/// </summary>
public sealed class RetryingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        DatabaseRetry.Pipeline.ExecuteAsync(_ => new ValueTask(inner.ReadStateAsync(stateName, grainId, grainState))).AsTask();

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        DatabaseRetry.Pipeline.ExecuteAsync(_ => new ValueTask(inner.WriteStateAsync(stateName, grainId, grainState))).AsTask();

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        DatabaseRetry.Pipeline.ExecuteAsync(_ => new ValueTask(inner.ClearStateAsync(stateName, grainId, grainState))).AsTask();
}
