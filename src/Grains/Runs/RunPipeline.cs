using Microsoft.Extensions.Logging;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>
/// One run's work, off the grain's turn: the lease (for kinds that hold GPUs), the pre-launch steps, then the kind's own
/// work (<see cref="IRunKind"/>). It reports every step through <see cref="IRunPhaseSink"/> and always stops every engine
/// the run started and releases its lease before it reports how the run ended. Plain C#, so it is driven directly in tests.
/// </summary>
public sealed partial class RunPipeline(RunPipelineServices services, IGrainFactory grains)
{
    private ILogger Logger => services.Logger;

    private RunGrainOptions Options => services.Options;

    /// <param name="plan">What to run.</param>
    /// <param name="sink">Where to report.</param>
    /// <param name="token">The pipeline token the sink checks on every report.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task RunAsync(RunPlan plan, IRunPhaseSink sink, Guid token, CancellationToken cancellationToken)
    {
        var node = grains.GetGrain<IGpuNodeGrain>(plan.NodeName);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = new RunContext(services, node, plan, sink, token, work.Token);
        var leaseLost = false;
        var renewals = Task.CompletedTask;
        var outcome = RunOutcome.Failed("the pipeline ended unexpectedly");
        try
        {
            var kind = services.Kinds.For(plan.Mode);
            if (plan.Mode.NeedsGpus())
            {
                var lease = await AcquireLeaseAsync(node, plan, work.Token);
                run.LeaseOrNull = lease;
                await sink.LeaseAcquired(lease, token);
                await LogAsync(plan, RunLogText.LeaseGranted(lease));
                renewals = RenewAsync(node, lease, () =>
                {
                    leaseLost = true;
                    work.Cancel();
                }, work.Token);
            }

            if (kind.RunsPreLaunch)
            {
                // Before any server (or bench_one_batch) of the run: aiter lock clean-up, a warm-up server and the like.
                await run.RunPreLaunchAsync();
            }

            run.Stage = plan.Mode.WireName();
            outcome = await kind.ExecuteAsync(run);
        }
        catch (OperationCanceledException) when (leaseLost)
        {
            outcome = RunOutcome.Failed($"lease lost during {run.Stage}: node '{plan.NodeName}' no longer knows it (not renewed in time)");
            await LogAsync(plan, RunLogText.Failed(run.Stage, outcome.Reason));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = RunOutcome.Failed("cancelled");
            await LogAsync(plan, RunLogText.Failed(run.Stage, "cancelled"));
        }
        catch (Exception e)
        {
            outcome = RunOutcome.Failed(Describe(run.Stage, e));
            LogFailed(Logger, plan.RunId, run.Stage, e);
            await LogAsync(plan, RunLogText.Failed(run.Stage, outcome.Reason));
        }
        finally
        {
            await work.CancelAsync();
            await IgnoreFailure(renewals);
            var stopped = run.Servers.ToArray();
            await CleanUpAsync(node, plan, run.LeaseOrNull, stopped, outcome.Status);
            await LogAsync(plan, RunLogText.CleanedUp(stopped.Length == 0 ? null : string.Join(", ", stopped), run.LeaseOrNull is not null));
        }

        try
        {
            await sink.Finished(outcome.Status, outcome.Reason, token);
        }
        catch (Exception e)
        {
            // The grain's keep-alive tick notices a pipeline that ended without reporting.
            LogReportFailed(Logger, plan.RunId, e);
            throw;
        }
    }

    private async Task<GpuLease> AcquireLeaseAsync(IGpuNodeGrain node, RunPlan plan, CancellationToken cancellationToken)
    {
        var request = new LeaseRequest(plan.RunId, plan.GpuCount, Options.LeaseTimeToLive);
        var startedAt = services.Time.GetUtcNow();
        var deadline = startedAt + Options.MaxQueueWait;
        while (true)
        {
            var response = await node.RequestLease(request);
            switch (response.Outcome)
            {
                case LeaseOutcome.Granted:
                    return response.Lease!;
                case LeaseOutcome.Refused:
                    throw new InvalidOperationException($"node '{plan.NodeName}' refused the lease: {response.Reason}");
            }

            var now = services.Time.GetUtcNow();
            if (now >= deadline)
            {
                // The clean-up leaves the queue, so the place does not block the runs behind this one. GPUs kept busy by
                // work that is not ours get a reason the run's alert recognises (node, GPUs, processes, wait).
                throw new RunFailedException(response.BusyGpus is { Count: > 0 } busy
                    ? RunAlerts.GpusBusyReason(Options.MaxQueueWait, plan.NodeName, now - startedAt, busy)
                    : $"no GPUs within {Options.MaxQueueWait:c}: {response.Reason ?? "no reason given"}");
            }

            await Task.Delay(Options.LeasePollInterval, services.Time, cancellationToken);
        }
    }

    private async Task RenewAsync(IGpuNodeGrain node, GpuLease lease, Action lost, CancellationToken cancellationToken)
    {
        var period = Options.LeaseTimeToLive / 3;
        var renewedAt = services.Time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(period, services.Time, cancellationToken);
            try
            {
                if (!await node.RenewLease(lease.LeaseId))
                {
                    lost();
                    return;
                }

                renewedAt = services.Time.GetUtcNow();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A missed renewal is not fatal: the lease lives a full time-to-live; the next try may get through.
                LogRenewFailed(Logger, lease.RunId, e);
                if (services.Time.GetUtcNow() - renewedAt > Options.LeaseTimeToLive)
                {
                    // Unrenewed for a whole time-to-live: the node has expired it (or this silo is cut off).
                    // Stop rather than keep loading GPUs that may already belong to another run.
                    lost();
                    return;
                }
            }
        }
    }

    private async Task CleanUpAsync(IGpuNodeGrain node, RunPlan plan, GpuLease? lease, IReadOnlyList<string> servers, RunStatus status)
    {
        // Newest first: a PD router goes before the servers it fronts.
        foreach (var serverId in servers.Reverse())
        {
            await IgnoreFailure(node.StopEngine(serverId), plan.RunId, "stop engine");
        }

        var reason = status.ToString().ToLowerInvariant();
        await IgnoreFailure(
            lease is not null ? node.ReleaseLease(lease.LeaseId, reason) : node.LeaveQueue(plan.RunId),
            plan.RunId,
            "release lease");
    }

    private async Task IgnoreFailure(Task task, string runId, string what)
    {
        try
        {
            await task;
        }
        catch (Exception e)
        {
            // The node's own expiry frees the GPUs within a time-to-live if this did not get through.
            LogCleanupFailed(Logger, runId, what, e);
        }
    }

    private static async Task IgnoreFailure(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // Renewals end by cancellation; nothing to report.
        }
    }

    private Task LogAsync(RunPlan plan, string line) => services.Logs.AppendAsync(plan.RunId, line);

    private static string Describe(string stage, Exception e) => e switch
    {
        EngineStartException or RunFailedException => e.Message,
        _ when e.Message.StartsWith(stage, StringComparison.OrdinalIgnoreCase) => e.Message,
        _ => $"{stage} failed: {e.Message}",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} failed during {Stage}")]
    private static partial void LogFailed(ILogger logger, string runId, string stage, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId}: could not report the end of the pipeline")]
    private static partial void LogReportFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: lease renewal failed; retrying")]
    private static partial void LogRenewFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: {What} failed during clean-up")]
    private static partial void LogCleanupFailed(ILogger logger, string runId, string what, Exception exception);
}
