using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>
/// How a run's background pipeline reports back to its grain (internal to the cluster; implemented by
/// <see cref="RunGrain"/>). Each call persists state and writes the results store before it returns, so
/// the pipeline moves on only once a result is safe.
/// </summary>
public interface IRunPhaseSink : IGrainWithStringKey
{
    Task PhaseStarted(RunPhase phase);

    /// <summary>The node granted the lease; the run enters <see cref="RunPhase.Leased"/>.</summary>
    Task LeaseAcquired(GpuLease lease);

    Task EngineStarting(string serverId);

    Task Gsm8kCompleted(Gsm8kGateResult gate);

    Task PointCompleted(BenchmarkPointResult point);

    /// <summary>The pipeline is over and has already stopped its engine and released its lease.</summary>
    Task Finished(RunStatus status, string? reason);
}
