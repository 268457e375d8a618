using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SglangCi.Grains.Placement;
using SglangCi.Grains.Storage;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>
/// One run as a persisted phase machine. <see cref="Start"/> returns at once; a <see cref="RunPipeline"/>
/// does the work in the background and reports back through <see cref="IRunPhaseSink"/>. A run whose
/// activation died mid-way (silo restart) is found by the next activation and ended as "interrupted",
/// with its engine stopped and its lease released.
/// </summary>
[RunNodeSiloPlacement]
public sealed partial class RunGrain(
    [PersistentState("state", ClusterIdentity.StorageName)] IPersistentState<RunState> state,
    IResultsStore results,
    RunPipelineServices services,
    IOptions<RunGrainOptions> options,
    TimeProvider time,
    ILogger<RunGrain> logger) : Grain, IRunGrain, IRunPhaseSink, IRemindable
{
    public const string WatchdogReminder = "watchdog";
    public const string InterruptedReason = "interrupted";

    private CancellationTokenSource? _cancellation;
    private Task? _pipeline;
    private IGrainTimer? _keepAlive;
    private bool _retired;

    private RunState Run => state.State;

    private string RunId => this.GetPrimaryKeyString();

    private bool IsActive => Run.Request is not null && Run.Summary is not null && !Run.Summary.Status.IsTerminal();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (IsActive)
        {
            // A pipeline lives only as long as the activation that started it: a new activation of an
            // unfinished run means the old one died with its silo.
            await InterruptAsync();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (IsActive && _pipeline is { IsCompleted: false })
        {
            // The keep-alive timer rules out idle collection, so this is the silo shutting down (or the
            // activation being torn down): the pipeline cannot outlive it. Say so, then let the pipeline
            // stop its engine and release its lease on its way out.
            try
            {
                await FinishAsync(RunStatus.Failed, InterruptedReason);
            }
            catch (Exception e)
            {
                LogStoreFailed(logger, RunId, e);
            }

            _cancellation?.Cancel();
        }
    }

    public async Task<RunSummary> Start(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Run.Summary is not null)
        {
            return Run.Summary;
        }

        if (string.IsNullOrWhiteSpace(request.PresetName) || string.IsNullOrWhiteSpace(request.NodeName))
        {
            throw new ArgumentException($"run '{RunId}': PresetName and NodeName are required");
        }

        var preset = await GrainFactory.GetGrain<IModelPresetGrain>(request.PresetName).Get()
            ?? throw new ArgumentException($"unknown preset '{request.PresetName}'");
        var node = GrainFactory.GetGrain<IGpuNodeGrain>(request.NodeName);
        var inventory = (await node.GetStatus()).Inventory
            ?? throw new ArgumentException($"unknown node '{request.NodeName}'");
        if (preset.GpuCount > inventory.GpuCount)
        {
            throw new ArgumentException($"preset '{preset.Name}' needs {preset.GpuCount} GPU(s); node '{inventory.Name}' has {inventory.GpuCount}");
        }

        RunPlan plan;
        var image = request.Image ?? "simulated";
        try
        {
            var launch = preset.LaunchFor(inventory.Hardware);
            plan = new RunPlan(
                RunId,
                inventory.Name,
                preset.GpuCount,
                new EngineLaunch(RunId, image, preset.ModelPath, launch.ServerArgs, launch.Environment, options.Value.EngineStartupTimeout),
                preset.Gsm8k,
                preset.BenchmarkFor(inventory.Hardware));
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException(e.Message);
        }

        var now = time.GetUtcNow();
        Run.Request = request;
        Run.Summary = new RunSummary(
            RunId,
            preset.Name,
            preset.Version,
            preset.Model,
            inventory.Name,
            inventory.Host,
            inventory.Hardware,
            request.Mode.ToString().ToLowerInvariant(),
            image,
            request.ImageDate ?? DateOnly.FromDateTime(now.UtcDateTime),
            RunStatus.Queued,
            null,
            now,
            null,
            RunPhase.Queued,
            request.Trigger);
        Run.Phases = [new PhaseRecord(RunPhase.Queued, now, null, PhaseStatus.Running)];
        await state.WriteStateAsync();
        await SaveRunAsync();

        try
        {
            await this.RegisterOrUpdateReminder(WatchdogReminder, options.Value.WatchdogPeriod, options.Value.WatchdogPeriod);
        }
        catch (Exception e)
        {
            // Without the reminder a run still recovers when anything activates it; say so and go on.
            LogWatchdogFailed(logger, RunId, e);
        }

        // Take the place in the node's FIFO queue now, in the order runs were started (the pipeline asks
        // again with the same run id and keeps this place).
        LeaseResponse first;
        try
        {
            first = await node.RequestLease(new LeaseRequest(RunId, preset.GpuCount, options.Value.LeaseTimeToLive));
        }
        catch (Exception e)
        {
            // The run is recorded already; end it with the reason rather than leave it queued without a pipeline.
            await FinishAsync(RunStatus.Failed, $"node '{inventory.Name}' did not take the lease request: {e.Message}");
            return Run.Summary;
        }

        if (first.Outcome == LeaseOutcome.Refused)
        {
            await FinishAsync(RunStatus.Failed, $"lease refused by node '{inventory.Name}': {first.Reason}");
            return Run.Summary;
        }

        StartPipeline(plan);
        return Run.Summary;
    }

    public Task<RunSummary?> GetSummary() => Task.FromResult(Run.Summary);

    public Task<RunDetails?> GetDetails() => Task.FromResult(
        Run.Summary is null ? null : new RunDetails(Run.Summary, Run.Phases.ToArray(), Run.Gsm8k, Run.Points.ToArray()));

    public async Task Cancel(string reason)
    {
        if (!IsActive)
        {
            return;
        }

        reason = string.IsNullOrWhiteSpace(reason) ? "cancelled" : reason;
        if (_cancellation is not null)
        {
            // The pipeline stops its engine and releases its lease on its way out.
            await _cancellation.CancelAsync();
        }
        else
        {
            Run.CleanupPending = true;
        }

        await FinishAsync(RunStatus.Failed, reason);
        if (Run.CleanupPending)
        {
            await CleanUpAsync();
        }
    }

    async Task IRunPhaseSink.PhaseStarted(RunPhase phase)
    {
        if (!IsActive)
        {
            return;
        }

        EnterPhase(phase, time.GetUtcNow());
        await state.WriteStateAsync();
        await SaveRunAsync();
    }

    async Task IRunPhaseSink.LeaseAcquired(GpuLease lease)
    {
        if (!IsActive)
        {
            return;
        }

        Run.LeaseId = lease.LeaseId;
        EnterPhase(RunPhase.Leased, time.GetUtcNow());
        await state.WriteStateAsync();
        await SaveRunAsync();
    }

    async Task IRunPhaseSink.EngineStarting(string serverId)
    {
        if (!IsActive)
        {
            return;
        }

        Run.ServerId = serverId;
        await state.WriteStateAsync();
    }

    async Task IRunPhaseSink.Gsm8kCompleted(Gsm8kGateResult gate)
    {
        if (!IsActive)
        {
            return;
        }

        Run.Gsm8k = gate;
        await state.WriteStateAsync();

        // A lost result is worse than a failed run: let the pipeline fail if this cannot be stored.
        await results.SaveGsm8kAsync(RunId, gate, CancellationToken.None);
    }

    async Task IRunPhaseSink.PointCompleted(BenchmarkPointResult point)
    {
        if (!IsActive)
        {
            return;
        }

        Run.Points.RemoveAll(p => p.LoadKind == point.LoadKind && p.Load == point.Load && p.Repetition == point.Repetition);
        Run.Points.Add(point);
        await state.WriteStateAsync();
        await results.SaveBenchmarkPointsAsync(RunId, [point], CancellationToken.None);
    }

    Task IRunPhaseSink.Finished(RunStatus status, string? reason) => FinishAsync(status, reason);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WatchdogReminder)
        {
            return;
        }

        if (Run.Summary is null)
        {
            await RetireAsync();
            return;
        }

        if (IsActive && _pipeline is null)
        {
            await InterruptAsync();
        }

        await CatchUpAsync();
    }

    private void StartPipeline(RunPlan plan)
    {
        _cancellation = new CancellationTokenSource();
        var sink = this.AsReference<IRunPhaseSink>();
        var pipeline = new RunPipeline(services, GrainFactory);
        var token = _cancellation.Token;
        _pipeline = Task.Run(() => pipeline.RunAsync(plan, sink, token), CancellationToken.None);

        // Hold the activation while the pipeline works (a queued run may see no call for hours), and notice
        // a pipeline that ended without reporting.
        _keepAlive = this.RegisterGrainTimer(
            KeepAliveAsync,
            new GrainTimerCreationOptions(options.Value.KeepAlivePeriod, options.Value.KeepAlivePeriod) { KeepAlive = true });
    }

    private async Task KeepAliveAsync(CancellationToken cancellationToken)
    {
        if (_pipeline is not { IsCompleted: true })
        {
            return;
        }

        if (IsActive)
        {
            var error = _pipeline.Exception?.GetBaseException().Message ?? "no report";
            await FinishAsync(RunStatus.Failed, $"the pipeline stopped without reporting an outcome: {error}");
        }

        await CatchUpAsync();
    }

    /// <summary>Ends an unfinished run whose pipeline is gone and lets go of what it held on the node.</summary>
    private async Task InterruptAsync()
    {
        LogInterrupted(logger, RunId);
        Run.CleanupPending = true;
        await FinishAsync(RunStatus.Failed, InterruptedReason);

        // Talking to the node can be slow (its silo may be restarting too); do it after the activation.
        this.RegisterGrainTimer(
            async _ =>
            {
                await CleanUpAsync();
                await CatchUpAsync();
            },
            new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    private async Task CleanUpAsync()
    {
        if (!Run.CleanupPending || Run.Request is null)
        {
            return;
        }

        var node = GrainFactory.GetGrain<IGpuNodeGrain>(Run.Request.NodeName);
        try
        {
            if (Run.ServerId is not null)
            {
                try
                {
                    await node.StopEngine(Run.ServerId);
                }
                catch (Exception e)
                {
                    // The engine died with its silo, most likely; the release below is what matters.
                    LogCleanupFailed(logger, RunId, e);
                }
            }

            if (Run.LeaseId is { } leaseId)
            {
                await node.ReleaseLease(leaseId, Run.Summary?.Reason ?? InterruptedReason);
            }

            await node.LeaveQueue(RunId);
            Run.CleanupPending = false;
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            // The watchdog tries again; the node's own expiry is the last resort.
            LogCleanupFailed(logger, RunId, e);
        }
    }

    private async Task FinishAsync(RunStatus status, string? reason)
    {
        if (!IsActive)
        {
            return;
        }

        var now = time.GetUtcNow();
        var running = Run.Phases.FindLastIndex(p => p.Status == PhaseStatus.Running);
        if (running >= 0)
        {
            Run.Phases[running] = Run.Phases[running] with
            {
                FinishedAt = now,
                Status = status == RunStatus.Succeeded ? PhaseStatus.Succeeded : PhaseStatus.Failed,
            };
        }

        var phase = Run.Summary!.Phase;
        if (status == RunStatus.Succeeded)
        {
            Run.Phases.Add(new PhaseRecord(RunPhase.Done, now, now, PhaseStatus.Succeeded));
            phase = RunPhase.Done;
        }

        Run.Summary = Run.Summary with { Status = status, Reason = reason, FinishedAt = now, Phase = phase };
        Run.AlertPending = status is RunStatus.Failed or RunStatus.Skipped;
        await state.WriteStateAsync();
        LogFinished(logger, RunId, status, reason);
        await SaveRunAsync();
        await SendAlertAsync();

        // Node clean-up is not done here: an interrupted run ends inside activation, where a slow node must not block.
        await CatchUpAsync(cleanUp: false);
    }

    private void EnterPhase(RunPhase phase, DateTimeOffset now)
    {
        var running = Run.Phases.FindLastIndex(p => p.Status == PhaseStatus.Running);
        if (running >= 0)
        {
            if (Run.Phases[running].Phase == phase)
            {
                return;
            }

            Run.Phases[running] = Run.Phases[running] with { FinishedAt = now, Status = PhaseStatus.Succeeded };
        }

        Run.Phases.Add(new PhaseRecord(phase, now, null, PhaseStatus.Running));
        Run.Summary = Run.Summary! with { Phase = phase, Status = RunStatus.Running };
    }

    /// <summary>Writes the run row and phases; a failure is remembered and retried by the watchdog, never fatal.</summary>
    private async Task SaveRunAsync()
    {
        try
        {
            await results.SaveRunAsync(Run.Summary!, Run.Phases.ToArray(), CancellationToken.None);
        }
        catch (Exception e)
        {
            LogStoreFailed(logger, RunId, e);
            if (!Run.StorePending)
            {
                Run.StorePending = true;
                await state.WriteStateAsync();
            }
        }
    }

    private async Task SendAlertAsync()
    {
        if (!Run.AlertPending)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IAlertChannelGrain>(options.Value.AlertChannel).Enqueue(RunAlerts.For(Run.Summary!, time.GetUtcNow()));
            Run.AlertPending = false;
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            LogAlertFailed(logger, RunId, e);
        }
    }

    /// <summary>Retries what an earlier step could not finish, then retires the watchdog once nothing is left.</summary>
    private async Task CatchUpAsync(bool cleanUp = true)
    {
        if (Run.Summary is null || IsActive)
        {
            return;
        }

        if (Run.StorePending)
        {
            try
            {
                await results.SaveRunAsync(Run.Summary, Run.Phases.ToArray(), CancellationToken.None);
                if (Run.Gsm8k is not null)
                {
                    await results.SaveGsm8kAsync(RunId, Run.Gsm8k, CancellationToken.None);
                }

                if (Run.Points.Count > 0)
                {
                    await results.SaveBenchmarkPointsAsync(RunId, Run.Points.ToArray(), CancellationToken.None);
                }

                Run.StorePending = false;
                await state.WriteStateAsync();
            }
            catch (Exception e)
            {
                LogStoreFailed(logger, RunId, e);
            }
        }

        await SendAlertAsync();
        if (cleanUp)
        {
            await CleanUpAsync();
        }

        if (!Run.StorePending && !Run.AlertPending && !Run.CleanupPending && _pipeline is null or { IsCompleted: true })
        {
            await RetireAsync();
        }
    }

    private async Task RetireAsync()
    {
        _keepAlive?.Dispose();
        _keepAlive = null;
        if (_retired)
        {
            return;
        }

        try
        {
            var reminder = await this.GetReminder(WatchdogReminder);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }

            _retired = true;
        }
        catch (Exception e)
        {
            LogWatchdogFailed(logger, RunId, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} finished: {Status} {Reason}")]
    private static partial void LogFinished(ILogger logger, string runId, RunStatus status, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} was unfinished without a pipeline (its silo stopped): ending it as interrupted")]
    private static partial void LogInterrupted(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: releasing its engine or lease failed; will retry")]
    private static partial void LogCleanupFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: writing the results store failed; will retry")]
    private static partial void LogStoreFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: handing the alert to its channel failed; will retry")]
    private static partial void LogAlertFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: watchdog reminder registration or removal failed")]
    private static partial void LogWatchdogFailed(ILogger logger, string runId, Exception exception);
}
