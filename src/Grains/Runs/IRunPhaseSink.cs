using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>
/// How a run's background pipeline reports back to its grain (internal to the cluster; implemented by
/// <see cref="RunGrain"/>). Each call persists state and writes the results store before it returns, so
/// the pipeline moves on only once a result is safe. The interface is reachable by any cluster client, so
/// every call carries the pipeline's token (a Guid the grain holds in memory only, never persisted): a call
/// with another token (a forged report, or a pipeline of an earlier activation) is ignored and logged.
/// </summary>
public interface IRunPhaseSink : IGrainWithStringKey
{
    Task PhaseStarted(RunPhase phase, Guid pipeline);

    /// <summary>The node granted the lease; the run enters <see cref="RunPhase.Leased"/>.</summary>
    Task LeaseAcquired(GpuLease lease, Guid pipeline);

    Task EngineStarting(string serverId, Guid pipeline);

    Task Gsm8kCompleted(Gsm8kGateResult gate, Guid pipeline);

    Task PointCompleted(BenchmarkPointResult point, Guid pipeline);

    /// <summary>A phase the run passes over (an offline run's GSM8K gate): recorded as skipped, the running phase stays.</summary>
    Task PhaseSkipped(RunPhase phase, Guid pipeline);

    /// <summary>One bench_one_batch case of an offline run (numbers or, for a case that printed none, nulls).</summary>
    Task OfflineCompleted(OfflineResult result, Guid pipeline);

    /// <summary>One check of the run (a unit test, a PD step, a download, …); a check of the same name replaces the earlier one.</summary>
    Task CheckCompleted(RunCheckResult check, Guid pipeline);

    /// <summary>An alert the run's kind raised (a daily summary, a missing image, a full disk); sent when the run ends.</summary>
    Task AlertRaised(AlertMessage alert, Guid pipeline);

    /// <summary>The pipeline is over and has already stopped its engine and released its lease.</summary>
    Task Finished(RunStatus status, string? reason, Guid pipeline);
}
