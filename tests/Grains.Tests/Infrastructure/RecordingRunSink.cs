using System.Collections.Concurrent;
using SglangCi.Grains.Runs;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Tests.Infrastructure;

/// <summary>
/// Records what a pipeline driven directly by a test reports (a plain object: the pipeline only sees the interface), so
/// a kind's test can assert its phases, gate, points, checks and outcome without a run grain. The pipeline gets
/// <see cref="Reports"/>: a public class implementing a grain interface would be taken by Orleans for a second grain type.
/// </summary>
public sealed class RecordingRunSink
{
    public RecordingRunSink() => Reports = new Adapter(this);

    /// <summary>What the pipeline reports to.</summary>
    public IRunPhaseSink Reports { get; }

    public RunStatus? Status { get; private set; }

    public string? Reason { get; private set; }

    public bool Leased { get; private set; }

    public Gsm8kGateResult? Gate { get; private set; }

    public ConcurrentQueue<RunPhase> Phases { get; } = new();

    public ConcurrentQueue<RunPhase> SkippedPhases { get; } = new();

    public ConcurrentQueue<string> Servers { get; } = new();

    public ConcurrentQueue<BenchmarkPointResult> Points { get; } = new();

    public ConcurrentQueue<OfflineResult> Offline { get; } = new();

    public ConcurrentQueue<RunCheckResult> Checks { get; } = new();

    public ConcurrentQueue<AlertMessage> Alerts { get; } = new();

    public Task PhaseStarted(RunPhase phase, Guid pipeline)
    {
        Phases.Enqueue(phase);
        return Task.CompletedTask;
    }

    public Task LeaseAcquired(GpuLease lease, Guid pipeline)
    {
        Leased = true;
        return Task.CompletedTask;
    }

    public Task EngineStarting(string serverId, Guid pipeline)
    {
        Servers.Enqueue(serverId);
        return Task.CompletedTask;
    }

    public Task Gsm8kCompleted(Gsm8kGateResult gate, Guid pipeline)
    {
        Gate = gate;
        return Task.CompletedTask;
    }

    public Task PointCompleted(BenchmarkPointResult point, Guid pipeline)
    {
        Points.Enqueue(point);
        return Task.CompletedTask;
    }

    public Task PhaseSkipped(RunPhase phase, Guid pipeline)
    {
        SkippedPhases.Enqueue(phase);
        return Task.CompletedTask;
    }

    public Task OfflineCompleted(OfflineResult result, Guid pipeline)
    {
        Offline.Enqueue(result);
        return Task.CompletedTask;
    }

    public Task CheckCompleted(RunCheckResult check, Guid pipeline)
    {
        Checks.Enqueue(check);
        return Task.CompletedTask;
    }

    public Task AlertRaised(AlertMessage alert, Guid pipeline)
    {
        Alerts.Enqueue(alert);
        return Task.CompletedTask;
    }

    public Task Finished(RunStatus status, string? reason, Guid pipeline)
    {
        (Status, Reason) = (status, reason);
        return Task.CompletedTask;
    }

    private sealed class Adapter(RecordingRunSink r) : IRunPhaseSink
    {
        public Task PhaseStarted(RunPhase phase, Guid pipeline) => r.PhaseStarted(phase, pipeline);

        public Task LeaseAcquired(GpuLease lease, Guid pipeline) => r.LeaseAcquired(lease, pipeline);

        public Task EngineStarting(string serverId, Guid pipeline) => r.EngineStarting(serverId, pipeline);

        public Task Gsm8kCompleted(Gsm8kGateResult gate, Guid pipeline) => r.Gsm8kCompleted(gate, pipeline);

        public Task PointCompleted(BenchmarkPointResult point, Guid pipeline) => r.PointCompleted(point, pipeline);

        public Task PhaseSkipped(RunPhase phase, Guid pipeline) => r.PhaseSkipped(phase, pipeline);

        public Task OfflineCompleted(OfflineResult result, Guid pipeline) => r.OfflineCompleted(result, pipeline);

        public Task CheckCompleted(RunCheckResult check, Guid pipeline) => r.CheckCompleted(check, pipeline);

        public Task AlertRaised(AlertMessage alert, Guid pipeline) => r.AlertRaised(alert, pipeline);

        public Task Finished(RunStatus status, string? reason, Guid pipeline) => r.Finished(status, reason, pipeline);
    }
}
