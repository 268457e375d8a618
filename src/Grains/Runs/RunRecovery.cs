using Microsoft.Extensions.Logging;
using SglangCi.Grains.Storage;
using SglangCi.Interfaces;

namespace SglangCi.Grains.Runs;

/// <summary>
/// What a run still owes after a step failed or its activation died: results-store writes, the end-of-run
/// alert, and letting go of its engine, lease and queue place on the node. Each debt is a flag in the
/// persisted state, so a later activation (woken by the "watchdog" reminder) pays it; the reminder is
/// removed once nothing is owed. Runs on the grain's turn (it is the grain's helper, not a separate actor).
/// </summary>
internal sealed partial class RunRecovery(
    IGrainBase grain,
    string runId,
    IPersistentState<RunState> state,
    IResultsStore results,
    IGrainFactory grains,
    RunGrainOptions options,
    TimeProvider time,
    ILogger logger)
{
    public const string WatchdogReminder = "watchdog";
    public const string InterruptedReason = "interrupted";

    private bool _retired;

    private RunState Run => state.State;

    public async Task RegisterWatchdogAsync()
    {
        try
        {
            await grain.RegisterOrUpdateReminder(WatchdogReminder, options.WatchdogPeriod, options.WatchdogPeriod);
            _retired = false;
        }
        catch (Exception e)
        {
            // Without the reminder a run still recovers when anything activates it; say so and go on.
            LogWatchdogFailed(logger, runId, e);
        }
    }

    /// <summary>Writes the run row and phases; a failure is remembered and retried by the watchdog, never fatal.</summary>
    public async Task SaveRunAsync()
    {
        try
        {
            await results.SaveRunAsync(Run.Summary!, Run.Phases.ToArray(), CancellationToken.None);
        }
        catch (Exception e)
        {
            LogStoreFailed(logger, runId, e);
            if (!Run.StorePending)
            {
                Run.StorePending = true;
                await state.WriteStateAsync();
            }
        }
    }

    public async Task SendAlertAsync()
    {
        if (!Run.AlertPending)
        {
            return;
        }

        try
        {
            if (Run.Alerts.Count == 0)
            {
                // A state written before runs kept their alerts: its pending alert is the end-of-run one.
                Run.Alerts.Add(RunAlerts.For(Run.Summary!, time.GetUtcNow()));
            }

            var channel = grains.GetGrain<IAlertChannelGrain>(options.AlertChannel);
            while (Run.Alerts.Count > 0)
            {
                // The channel drops a dedupe key it already took, so sending one again after a crash here is harmless.
                await channel.Enqueue(Run.Alerts[0]);
                Run.Alerts.RemoveAt(0);
            }

            Run.AlertPending = false;
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            LogAlertFailed(logger, runId, e);
        }
    }

    /// <summary>Stops the engine, ends the lease and leaves the queue; a node that does not answer is tried again later.</summary>
    public async Task CleanUpAsync()
    {
        if (!Run.CleanupPending || Run.Request is null)
        {
            return;
        }

        var node = grains.GetGrain<IGpuNodeGrain>(Run.Request.NodeName);
        try
        {
            foreach (var serverId in Run.ServerIds.Append(Run.ServerId).OfType<string>().Distinct())
            {
                try
                {
                    await node.StopEngine(serverId);
                }
                catch (Exception e)
                {
                    // The engine died with its silo, most likely; the release below is what matters.
                    LogCleanupFailed(logger, runId, e);
                }
            }

            if (Run.LeaseId is { } leaseId)
            {
                await node.ReleaseLease(leaseId, Run.Summary?.Reason ?? InterruptedReason);
            }

            // Also ends a lease granted whose id never reached this run (the node knows it by run id).
            await node.LeaveQueue(runId);
            Run.CleanupPending = false;
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            // The watchdog tries again; the node's own expiry is the last resort.
            LogCleanupFailed(logger, runId, e);
        }
    }

    /// <summary>Retries what an earlier step of an ended run could not finish; true when nothing is owed any more.</summary>
    public async Task<bool> CatchUpAsync(bool cleanUp)
    {
        if (Run.StorePending)
        {
            try
            {
                await results.SaveRunAsync(Run.Summary!, Run.Phases.ToArray(), CancellationToken.None);
                if (Run.Gsm8k is not null)
                {
                    await results.SaveGsm8kAsync(runId, Run.Gsm8k, CancellationToken.None);
                }

                if (Run.Points.Count > 0)
                {
                    await results.SaveBenchmarkPointsAsync(runId, Run.Points.ToArray(), CancellationToken.None);
                }

                if (Run.Offline.Count > 0)
                {
                    await results.SaveOfflineResultsAsync(runId, Run.Offline.ToArray(), CancellationToken.None);
                }

                if (Run.Checks.Count > 0)
                {
                    await results.SaveChecksAsync(runId, Run.Checks.ToArray(), CancellationToken.None);
                }

                Run.StorePending = false;
                await state.WriteStateAsync();
            }
            catch (Exception e)
            {
                LogStoreFailed(logger, runId, e);
            }
        }

        await SendAlertAsync();
        if (cleanUp)
        {
            await CleanUpAsync();
        }

        return !Run.StorePending && !Run.AlertPending && !Run.CleanupPending;
    }

    /// <summary>Removes the watchdog reminder: the run owes nothing.</summary>
    public async Task RetireAsync()
    {
        if (_retired)
        {
            return;
        }

        try
        {
            if (await grain.GetReminder(WatchdogReminder) is { } reminder)
            {
                await grain.UnregisterReminder(reminder);
            }

            _retired = true;
        }
        catch (Exception e)
        {
            LogWatchdogFailed(logger, runId, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: releasing its engine or lease failed; will retry")]
    private static partial void LogCleanupFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: writing the results store failed; will retry")]
    private static partial void LogStoreFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: handing the alert to its channel failed; will retry")]
    private static partial void LogAlertFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: watchdog reminder registration or removal failed")]
    private static partial void LogWatchdogFailed(ILogger logger, string runId, Exception exception);
}
