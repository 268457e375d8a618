using Microsoft.Extensions.Logging;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>
/// The run's side of <see cref="IRunPhaseSink"/>: each report from the pipeline is checked against the
/// pipeline token, applied to the state, persisted and written to the results store before it returns.
/// </summary>
public sealed partial class RunGrain
{
    Task IRunPhaseSink.PhaseStarted(RunPhase phase, Guid pipeline) =>
        RecordPhaseAsync(pipeline, nameof(IRunPhaseSink.PhaseStarted), RunLogText.PhaseEntered(phase), () => RunPhaseBook.Enter(Run, phase, time.GetUtcNow()));

    Task IRunPhaseSink.LeaseAcquired(GpuLease lease, Guid pipeline) =>
        RecordPhaseAsync(pipeline, nameof(IRunPhaseSink.LeaseAcquired), RunLogText.PhaseEntered(RunPhase.Leased), () =>
        {
            Run.LeaseId = lease.LeaseId;
            RunPhaseBook.Enter(Run, RunPhase.Leased, time.GetUtcNow());
        });

    async Task IRunPhaseSink.EngineStarting(string serverId, Guid pipeline)
    {
        if (Accepts(pipeline, nameof(IRunPhaseSink.EngineStarting)))
        {
            Run.ServerId = serverId;
            if (!Run.ServerIds.Contains(serverId))
            {
                Run.ServerIds.Add(serverId);
            }

            await state.WriteStateAsync();
        }
    }

    async Task IRunPhaseSink.Gsm8kCompleted(Gsm8kGateResult gate, Guid pipeline)
    {
        if (Accepts(pipeline, nameof(IRunPhaseSink.Gsm8kCompleted)))
        {
            Run.Gsm8k = gate;
            await state.WriteStateAsync();

            // A lost result is worse than a failed run: let the pipeline fail if this cannot be stored.
            await results.SaveGsm8kAsync(RunId, gate, CancellationToken.None);
        }
    }

    async Task IRunPhaseSink.PointCompleted(BenchmarkPointResult point, Guid pipeline)
    {
        if (Accepts(pipeline, nameof(IRunPhaseSink.PointCompleted)))
        {
            Run.Points.RemoveAll(p => p.LoadKind == point.LoadKind && p.Load == point.Load && p.Repetition == point.Repetition);
            Run.Points.Add(point);
            await state.WriteStateAsync();
            await results.SaveBenchmarkPointsAsync(RunId, [point], CancellationToken.None);
        }
    }

    Task IRunPhaseSink.PhaseSkipped(RunPhase phase, Guid pipeline) =>
        RecordPhaseAsync(pipeline, nameof(IRunPhaseSink.PhaseSkipped), RunLogText.PhaseSkipped(phase), () => RunPhaseBook.Skip(Run, phase, time.GetUtcNow()));

    async Task IRunPhaseSink.OfflineCompleted(OfflineResult result, Guid pipeline)
    {
        if (Accepts(pipeline, nameof(IRunPhaseSink.OfflineCompleted)))
        {
            Run.Offline.RemoveAll(r => r.BatchSize == result.BatchSize && r.InputLen == result.InputLen && r.OutputLen == result.OutputLen);
            Run.Offline.Add(result);
            await state.WriteStateAsync();
            await results.SaveOfflineResultsAsync(RunId, [result], CancellationToken.None);
        }
    }

    async Task IRunPhaseSink.CheckCompleted(RunCheckResult check, Guid pipeline)
    {
        if (Accepts(pipeline, nameof(IRunPhaseSink.CheckCompleted)))
        {
            var at = Run.Checks.FindIndex(c => c.Name == check.Name);
            if (at >= 0)
            {
                Run.Checks[at] = check;
            }
            else
            {
                Run.Checks.Add(check);
            }

            await state.WriteStateAsync();
            await LogAsync(RunLogText.Check(check));
            await results.SaveChecksAsync(RunId, Run.Checks, CancellationToken.None);
        }
    }

    async Task IRunPhaseSink.AlertRaised(AlertMessage alert, Guid pipeline)
    {
        if (Accepts(pipeline, nameof(IRunPhaseSink.AlertRaised)))
        {
            Run.Alerts.RemoveAll(a => a.DedupeKey == alert.DedupeKey);
            Run.Alerts.Add(alert);
            await state.WriteStateAsync();
            await LogAsync(RunLogText.AlertRaised(alert));
        }
    }

    Task IRunPhaseSink.Finished(RunStatus status, string? reason, Guid pipeline) =>
        Accepts(pipeline, nameof(IRunPhaseSink.Finished)) ? FinishAsync(status, reason) : Task.CompletedTask;

    /// <summary>An accepted phase report: applies <paramref name="apply"/>, persists the state, logs <paramref name="line"/> and saves the run row.</summary>
    private async Task RecordPhaseAsync(Guid pipeline, string report, string line, Action apply)
    {
        if (Accepts(pipeline, report))
        {
            apply();
            await state.WriteStateAsync();
            await LogAsync(line);
            await Recovery.SaveRunAsync();
        }
    }

    /// <summary>True for a report from this activation's pipeline about a run still going; anything else is ignored.</summary>
    private bool Accepts(Guid pipeline, string report)
    {
        if (_pipelineToken == Guid.Empty || pipeline != _pipelineToken)
        {
            LogForeignReport(logger, RunId, report);
            return false;
        }

        return IsActive;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: ignored a {Report} report that does not carry this activation's pipeline token")]
    private static partial void LogForeignReport(ILogger logger, string runId, string report);
}
