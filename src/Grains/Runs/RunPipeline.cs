using System.Globalization;
using Microsoft.Extensions.Logging;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Gsm8k;
using SglangCi.Toolkit.LoadGeneration;
using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.OneBatch;

namespace SglangCi.Grains.Runs;

/// <summary>
/// One run's work, off the grain's turn: lease → engine → GSM8K gate → benchmark. It reports every step
/// through <see cref="IRunPhaseSink"/> and always stops its engine and releases its lease before it reports
/// how the run ended. Plain C#, so it is driven directly in tests.
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
        GpuLease? lease = null;
        string? serverId = null;
        var leaseLost = false;
        var renewals = Task.CompletedTask;
        var stage = "lease";
        (RunStatus Status, string? Reason) outcome = (RunStatus.Failed, "the pipeline ended unexpectedly");
        try
        {
            lease = await AcquireLeaseAsync(node, plan, work.Token);
            await sink.LeaseAcquired(lease, token);
            await LogAsync(plan, RunLogText.LeaseGranted(lease));
            renewals = RenewAsync(node, lease, () =>
            {
                leaseLost = true;
                work.Cancel();
            }, work.Token);

            // Before any server (or bench_one_batch) of the run: aiter lock clean-up, a warm-up server and the like.
            await RunPreLaunchAsync(node, lease, plan, s => stage = s, work.Token);

            if (plan.Mode == RunMode.Offline)
            {
                // bench_one_batch loads the model in its own process: no server, and so no GSM8K gate.
                await sink.PhaseSkipped(RunPhase.Gsm8kGate, token);
                await sink.PhaseStarted(RunPhase.Benchmark, token);
                await RunOfflineAsync(node, lease, plan, r => sink.OfflineCompleted(r, token), s => stage = s, work.Token);
                await sink.PhaseStarted(RunPhase.Collected, token);
                outcome = (RunStatus.Succeeded, null);
            }
            else
            {
                outcome = await RunOnlineAsync(node, lease, plan, sink, token, id => serverId = id, s => stage = s, work.Token);
            }
        }
        catch (OperationCanceledException) when (leaseLost)
        {
            outcome = (RunStatus.Failed, $"lease lost during {stage}: node '{plan.NodeName}' no longer knows it (not renewed in time)");
            await LogAsync(plan, RunLogText.Failed(stage, outcome.Reason));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = (RunStatus.Failed, "cancelled");
            await LogAsync(plan, RunLogText.Failed(stage, "cancelled"));
        }
        catch (Exception e)
        {
            outcome = (RunStatus.Failed, Describe(stage, e));
            LogFailed(Logger, plan.RunId, stage, e);
            await LogAsync(plan, RunLogText.Failed(stage, outcome.Reason));
        }
        finally
        {
            await work.CancelAsync();
            await IgnoreFailure(renewals);
            await CleanUpAsync(node, plan, lease, serverId, outcome.Status);
            await LogAsync(plan, RunLogText.CleanedUp(serverId, lease is not null));
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

    /// <summary>Engine up, GSM8K gate, bench_serving sweep; the started engine's id goes to <paramref name="serverStarted"/> so clean-up stops it.</summary>
    private async Task<(RunStatus Status, string? Reason)> RunOnlineAsync(
        IGpuNodeGrain node, GpuLease lease, RunPlan plan, IRunPhaseSink sink, Guid token, Action<string> serverStarted, Action<string> stage, CancellationToken cancellationToken)
    {
        stage("engine start");
        await LogAsync(plan, RunLogText.LaunchCommand(plan.Launch));
        var startedAt = services.Time.GetUtcNow();
        var endpoint = await node.StartEngine(lease.LeaseId, plan.Launch);
        serverStarted(endpoint.ServerId);
        await sink.EngineStarting(endpoint.ServerId, token);
        await LogAsync(plan, RunLogText.EngineStarting(endpoint.ServerId));
        var baseUrl = await WaitForEngineAsync(node, endpoint.ServerId, plan, cancellationToken);
        await LogAsync(plan, RunLogText.EngineReady(baseUrl, services.Time.GetUtcNow() - startedAt));
        await sink.PhaseStarted(RunPhase.ServerUp, token);

        stage("GSM8K gate");
        await sink.PhaseStarted(RunPhase.Gsm8kGate, token);
        var gate = await RunGateAsync(plan, baseUrl, plan.Gsm8k, cancellationToken);
        await LogAsync(plan, RunLogText.Gsm8kGate(gate));
        await sink.Gsm8kCompleted(gate, token);
        if (!gate.Passed)
        {
            return (RunStatus.Skipped, Gsm8kGateRules.FailureReason(gate));
        }

        await sink.PhaseStarted(RunPhase.Benchmark, token);
        await RunBenchmarkAsync(plan, baseUrl, plan.Benchmark, p => sink.PointCompleted(p, token), stage, cancellationToken);
        await sink.PhaseStarted(RunPhase.Collected, token);
        return (RunStatus.Succeeded, null);
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

    private async Task<Uri> WaitForEngineAsync(IGpuNodeGrain node, string serverId, RunPlan plan, CancellationToken cancellationToken)
    {
        // The node enforces the startup timeout; the margin here only guards against a node that stops answering.
        var deadline = services.Time.GetUtcNow() + plan.Launch.StartupTimeout + TimeSpan.FromSeconds(30);
        while (true)
        {
            var endpoint = await node.GetEngine(serverId);
            switch (endpoint.Status)
            {
                case EngineServerStatus.Ready:
                    return new Uri(endpoint.BaseUrl!);
                case EngineServerStatus.Failed:
                case EngineServerStatus.Stopped:
                    throw new EngineStartException($"engine failed to start: {endpoint.Error ?? endpoint.Status.ToString()}");
            }

            if (services.Time.GetUtcNow() > deadline)
            {
                throw new EngineStartException($"engine failed to start: not ready after {plan.Launch.StartupTimeout}");
            }

            await Task.Delay(Options.EnginePollInterval, services.Time, cancellationToken);
        }
    }

    private async Task<Gsm8kGateResult> RunGateAsync(RunPlan run, Uri baseUrl, Gsm8kPlan plan, CancellationToken cancellationToken)
    {
        IReadOnlyList<Gsm8kItem> dataset;
        try
        {
            dataset = await services.Dataset.LoadAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"GSM8K dataset unavailable: {e.Message}", e);
        }

        using var http = services.CreateEngineClient();
        var evaluator = new Gsm8kEvaluator(http);
        var trials = new List<Gsm8kTrialResult>();
        for (var trial = 1; trial <= plan.Trials; trial++)
        {
            var result = await evaluator.RunAsync(dataset, new Gsm8kOptions(baseUrl, plan.Questions, plan.Shots, plan.Parallel), null, cancellationToken);
            if (result.Failed * 2 > result.Questions)
            {
                // Mostly errors means a broken engine, not a poor model: fail the run rather than skip it on "accuracy 0".
                throw new RunFailedException($"GSM8K requests failed: {result.FirstError ?? "no error recorded"}");
            }

            var recorded = new Gsm8kTrialResult(trial, result.Accuracy, result.Invalid, result.LatencySeconds, result.OutputThroughput, result.Questions);
            trials.Add(recorded);
            await LogAsync(run, RunLogText.Gsm8kTrial(recorded, plan.Trials));
            if (Gsm8kGateRules.StopsAfter(plan, recorded))
            {
                break;
            }
        }

        return Gsm8kGateRules.Decide(plan, trials);
    }

    private async Task RunBenchmarkAsync(
        RunPlan run, Uri baseUrl, BenchmarkPlan plan, Func<BenchmarkPointResult, Task> completed, Action<string> stage, CancellationToken cancellationToken)
    {
        using var http = services.CreateEngineClient();
        var generator = new LoadGenerator(http);
        var kind = plan.LoadKind == LoadKind.Concurrency ? "concurrency" : "request rate";
        foreach (var point in plan.Points)
        {
            for (var repetition = 0; repetition < plan.RunsPerPoint; repetition++)
            {
                var where = $"benchmark at {kind} {point.Load.ToString(CultureInfo.InvariantCulture)} (repetition {repetition + 1})";
                stage(where);
                await LogAsync(run, RunLogText.PointStarting(plan.LoadKind, point.Load, repetition, point.NumPrompts));
                var report = await generator.RunAsync(BenchmarkPointMapping.Options(baseUrl, plan, point, repetition), null, cancellationToken);
                if (report.Completed == 0)
                {
                    var first = report.Errors.FirstOrDefault() ?? report.Requests.FirstOrDefault(r => r.Error is not null)?.Error ?? "no error recorded";
                    throw new InvalidOperationException($"all {point.NumPrompts} request(s) failed; first error: {first}");
                }

                var result = BenchmarkPointMapping.From(plan.LoadKind, point.Load, repetition, report);
                await LogAsync(run, RunLogText.Point(result));
                await completed(result);
            }
        }
    }

    /// <summary>
    /// One <c>bench_one_batch</c> command per case of every offline plan, run through the node in the engine's
    /// environment and parsed with <see cref="OneBatchParser"/>. A case that prints no numbers (out of memory, skipped
    /// for the batch limit, a crash) is stored with null values, like the old CSV's NA; the run fails only when no
    /// case produced numbers, with the last case's reason.
    /// </summary>
    private async Task RunOfflineAsync(
        IGpuNodeGrain node, GpuLease lease, RunPlan plan, Func<OfflineResult, Task> completed, Action<string> stage, CancellationToken cancellationToken)
    {
        var anyNumbers = false;
        string? lastFailure = null;
        foreach (var offline in plan.Offline)
        {
            foreach (var c in offline.Cases)
            {
                var where = $"bench_one_batch {offline.Mode} (batch {c.BatchSize}, input {c.InputLen}, output {c.OutputLen})";
                stage(where);
                var (result, failure, logName) = await RunOfflineCaseAsync(node, lease, plan, offline, c, cancellationToken);
                await LogAsync(plan, RunLogText.OfflineCase(where, result, failure, logName));
                if (failure is not null)
                {
                    lastFailure = $"{where}: {failure}";
                    LogOfflineCaseFailed(Logger, plan.RunId, where, failure);
                }

                anyNumbers |= result.HasNumbers;
                await completed(result);
            }
        }

        if (!anyNumbers)
        {
            throw new RunFailedException($"no bench_one_batch case produced numbers; {lastFailure ?? "no output"}");
        }
    }

    private async Task<(OfflineResult Result, string? Failure, string? LogName)> RunOfflineCaseAsync(
        IGpuNodeGrain node, GpuLease lease, RunPlan plan, OfflinePlan offline, OfflineCase c, CancellationToken cancellationToken)
    {
        var (result, failure, output) = await RunOfflineCommandAsync(node, lease, plan, offline, c, cancellationToken);
        var logName = output is null ? null : await WriteCommandLogAsync(plan, "bench_one_batch", output);
        return (result, failure, logName);
    }

    /// <summary>Keeps a command's whole output as one of the run's logs; returns the log's name.</summary>
    private async Task<string?> WriteCommandLogAsync(RunPlan plan, string command, string output)
    {
        var path = await services.Logs.WriteCommandLogAsync(plan.RunId, command, output);
        return path is null ? null : $"{RunLogFiles.CommandsFolder}/{Path.GetFileNameWithoutExtension(path)}";
    }

    private async Task<(OfflineResult Result, string? Failure, string? Output)> RunOfflineCommandAsync(
        IGpuNodeGrain node, GpuLease lease, RunPlan plan, OfflinePlan offline, OfflineCase c, CancellationToken cancellationToken)
    {
        var empty = OfflineResult.Empty(c.BatchSize, c.InputLen, c.OutputLen);
        var command = OfflineCommand.For(plan.Launch, offline, c);
        await LogAsync(plan, RunLogText.CommandStarting(command));
        var exec = await node.StartExec(lease.LeaseId, plan.Launch, command, Options.OfflineCaseTimeout);
        var deadline = services.Time.GetUtcNow() + Options.OfflineCaseTimeout + TimeSpan.FromSeconds(30);
        while (exec.Status == EngineExecStatus.Running)
        {
            if (services.Time.GetUtcNow() > deadline)
            {
                return (empty, $"no answer from node '{plan.NodeName}' within {Options.OfflineCaseTimeout}", null);
            }

            await Task.Delay(Options.EnginePollInterval, services.Time, cancellationToken);
            exec = await node.GetExec(exec.ExecId);
        }

        if (exec.Status == EngineExecStatus.Failed)
        {
            return (empty, exec.Error ?? "the command failed", null);
        }

        var output = exec.Output ?? string.Empty;
        OneBatchResult? parsed;
        string? parseError = null;
        try
        {
            // One case per command: the first result with numbers is this case's.
            parsed = OneBatchParser.Parse(output, exec.LogPath ?? "<bench_one_batch output>").FirstOrDefault();
        }
        catch (OutputParseException e)
        {
            parsed = null;
            parseError = e.Message;
        }

        if (parsed is null)
        {
            var exit = exec.ExitCode is { } code and not 0 ? $"exit code {code}; " : string.Empty;
            return (empty, $"{exit}{parseError ?? "no result printed"}", output);
        }

        return (OfflineCommand.ToResult(c, parsed), exec.ExitCode is { } rc and not 0 ? $"exit code {rc} after printing its numbers" : null, output);
    }

    private async Task CleanUpAsync(IGpuNodeGrain node, RunPlan plan, GpuLease? lease, string? serverId, RunStatus status)
    {
        if (serverId is not null)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: {Case}: {Failure}")]
    private static partial void LogOfflineCaseFailed(ILogger logger, string runId, string @case, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} failed during {Stage}")]
    private static partial void LogFailed(ILogger logger, string runId, string stage, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId}: could not report the end of the pipeline")]
    private static partial void LogReportFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: lease renewal failed; retrying")]
    private static partial void LogRenewFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: {What} failed during clean-up")]
    private static partial void LogCleanupFailed(ILogger logger, string runId, string what, Exception exception);
}
