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
/// activation died mid-way (silo restart) is ended as "interrupted", and <see cref="RunRecovery"/> stops its
/// engine and releases its lease. Phase rules live in <see cref="RunPhaseBook"/>, planning in <see cref="RunPlanner"/>.
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
    public const string WatchdogReminder = RunRecovery.WatchdogReminder;
    public const string InterruptedReason = RunRecovery.InterruptedReason;

    private CancellationTokenSource? _cancellation;
    private Task? _pipeline;
    private Guid _pipelineToken; // in memory only: a report from any other pipeline (or caller) is refused
    private IGrainTimer? _keepAlive;
    private RunRecovery? _recovery;

    private RunState Run => state.State;

    private string RunId => this.GetPrimaryKeyString();

    private bool IsActive => Run.Request is not null && Run.Summary is not null && !Run.Summary.Status.IsTerminal();

    private RunRecovery Recovery => _recovery ??= new RunRecovery(this, RunId, state, results, GrainFactory, options.Value, time, logger);

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
            // The keep-alive timer rules out idle collection, so this is the silo shutting down: the pipeline
            // cannot outlive it. The pipeline tries to release on its way out, but it may not get there, so
            // the clean-up is owed too; the watchdog reminder stays and the next activation pays it.
            Run.CleanupPending = true;
            try
            {
                await FinishAsync(RunStatus.Failed, InterruptedReason);
            }
            catch (Exception e)
            {
                LogDeactivationFailed(logger, RunId, e);
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

        if (request.Verdict is { Status: var decided } && !decided.IsTerminal())
        {
            throw new ArgumentException($"run '{RunId}': a verdict must end the run (skipped, failed or succeeded), not '{decided}'");
        }

        var (preset, inventory) = await RunPlanner.ResolveAsync(GrainFactory, RunId, request);
        var node = GrainFactory.GetGrain<IGpuNodeGrain>(request.NodeName);
        var plan = RunPlanner.Plan(RunId, request, preset, inventory, options.Value);

        var now = time.GetUtcNow();
        Run.Request = request;
        Run.Summary = RunPlanner.Queued(RunId, request, preset, inventory, now);
        Run.Phases = [new PhaseRecord(RunPhase.Queued, now, null, PhaseStatus.Running)];
        Run.LogDirectory = services.Logs.Files.DirectoryFor(RunId);
        await state.WriteStateAsync();
        await LogAsync(RunLogText.Queued(Run.Summary));
        await Recovery.SaveRunAsync();
        await Recovery.RegisterWatchdogAsync();

        if (request.Verdict is { } verdict)
        {
            // Decided before it ran (a schedule's image rule): stored with its outcome, no lease, no pipeline. It ran
            // on no image, so it must not show the runtime's default one.
            Run.Summary = Run.Summary with { Image = request.Image };
            await FinishAsync(verdict.Status, verdict.Reason, decidedBeforeRunning: true);
            return Run.Summary;
        }

        if (!request.Mode.NeedsGpus())
        {
            // Work that holds no GPUs does not queue behind the benchmarks.
            StartPipeline(plan);
            return Run.Summary;
        }

        // Take the place in the node's FIFO queue now, in the order runs were started (the pipeline asks
        // again with the same run id and keeps this place).
        LeaseResponse first;
        try
        {
            first = await node.RequestLease(new LeaseRequest(RunId, plan.GpuCount, options.Value.LeaseTimeToLive));
        }
        catch (Exception e)
        {
            // The node may have queued (or even granted) before the call failed: owe the clean-up, so the
            // place does not block the queue behind it, and end the run with the reason.
            Run.CleanupPending = true;
            await FinishAsync(RunStatus.Failed, $"node '{inventory.Name}' did not take the lease request: {e.Message}");
            ScheduleCleanUp();
            return Run.Summary;
        }

        if (first.Outcome == LeaseOutcome.Refused)
        {
            await FinishAsync(RunStatus.Failed, $"lease refused by node '{inventory.Name}': {first.Reason}");
            return Run.Summary;
        }

        if (first.Lease is { } granted)
        {
            // Persist the id now: should this silo die before the pipeline reports it, recovery can still release it.
            Run.LeaseId = granted.LeaseId;
            await state.WriteStateAsync();
        }

        StartPipeline(plan);
        return Run.Summary;
    }

    public Task<RunSummary?> GetSummary() => Task.FromResult(Run.Summary);

    public Task<RunDetails?> GetDetails() => Task.FromResult(
        Run.Summary is null ? null : new RunDetails(Run.Summary, Run.Phases.ToArray(), Run.Gsm8k, Run.Points.ToArray()) { Offline = Run.Offline.ToArray(), Checks = Run.Checks.ToArray() });

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
        await Recovery.CleanUpAsync();
    }

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

    /// <summary>Ends an unfinished run whose pipeline is gone and lets go of what it held on the node.</summary>
    private async Task InterruptAsync()
    {
        LogInterrupted(logger, RunId);
        Run.CleanupPending = true;
        await FinishAsync(RunStatus.Failed, InterruptedReason);
        ScheduleCleanUp();
    }

    /// <summary>Talking to the node can be slow (its silo may be restarting too): do it on a later turn.</summary>
    private void ScheduleCleanUp() => this.RegisterGrainTimer(
        async _ =>
        {
            await Recovery.CleanUpAsync();
            await CatchUpAsync();
        },
        new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));

    private async Task FinishAsync(RunStatus status, string? reason, bool decidedBeforeRunning = false)
    {
        if (!IsActive)
        {
            return;
        }

        // The last line goes in before the run stops being live, so a reader following the log never misses it.
        await LogAsync(RunLogText.Finished(status, reason));
        RunPhaseBook.Finish(Run, status, reason, time.GetUtcNow(), decidedBeforeRunning);
        await state.WriteStateAsync();
        LogFinished(logger, RunId, status, reason);
        await Recovery.SaveRunAsync();
        await Recovery.SendAlertAsync();

        // Node clean-up is not done here: an interrupted run ends inside activation, where a slow node must not block.
        await CatchUpAsync(cleanUp: false);
    }

    /// <summary>Pays what an ended run still owes, then retires the watchdog once nothing is left.</summary>
    private async Task CatchUpAsync(bool cleanUp = true)
    {
        if (Run.Summary is not null && !IsActive && await Recovery.CatchUpAsync(cleanUp) && _pipeline is null or { IsCompleted: true })
        {
            await RetireAsync();
        }
    }

    private async Task RetireAsync()
    {
        _keepAlive?.Dispose();
        _keepAlive = null;
        await Recovery.RetireAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} finished: {Status} {Reason}")]
    private static partial void LogFinished(ILogger logger, string runId, RunStatus status, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} was unfinished without a pipeline (its silo stopped): ending it as interrupted")]
    private static partial void LogInterrupted(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: ending the run as its activation went away failed")]
    private static partial void LogDeactivationFailed(ILogger logger, string runId, Exception exception);

}
