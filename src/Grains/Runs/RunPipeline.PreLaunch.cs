using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Grains.Runs;

/// <summary>The preset's pre-launch steps: after the lease, before the server (or bench_one_batch).</summary>
public sealed partial class RunPipeline
{
    /// <summary>How long the existence check of a step's <see cref="PreLaunchStep.SkipIfAllExist"/> may take.</summary>
    private static readonly TimeSpan SkipCheckTimeout = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Runs <see cref="RunPlan.PreLaunch"/> in order, each within its timeout, logging start, outcome and duration.
    /// A failed step is logged and the run goes on, unless it is required: then the run fails naming the step.
    /// </summary>
    private async Task RunPreLaunchAsync(IGpuNodeGrain node, GpuLease lease, RunPlan plan, Action<string> stage, CancellationToken cancellationToken)
    {
        for (var i = 0; i < plan.PreLaunch.Count; i++)
        {
            var step = plan.PreLaunch[i];
            stage($"pre-launch step '{step.Name}'");
            await LogAsync(plan, RunLogText.PreLaunchStarting(step, i, plan.PreLaunch.Count));
            var startedAt = services.Time.GetUtcNow();
            var (outcome, detail) = await AllExistAsync(node, lease, plan, step.SkipIfAllExist, cancellationToken)
                ? ("skipped", $"all of {string.Join(", ", step.SkipIfAllExist!)} exist")
                : step.Kind == PreLaunchStepKind.WarmupServer
                    ? await RunWarmupAsync(node, lease, plan, step, cancellationToken)
                    : await RunStepCommandAsync(node, lease, plan, step, cancellationToken);
            await LogAsync(plan, RunLogText.PreLaunchFinished(step, outcome, detail, services.Time.GetUtcNow() - startedAt));
            if (step.Required && outcome is not ("succeeded" or "skipped"))
            {
                throw new RunFailedException($"required pre-launch step '{step.Name}' {outcome}: {detail}");
            }
        }
    }

    /// <summary>True when <paramref name="paths"/> is not empty and every path exists in the engine's environment.</summary>
    private async Task<bool> AllExistAsync(IGpuNodeGrain node, GpuLease lease, RunPlan plan, IReadOnlyList<string>? paths, CancellationToken cancellationToken)
    {
        if (paths is not { Count: > 0 })
        {
            return false;
        }

        var test = string.Join(" && ", paths.Select(p => $"test -e '{p.Replace("'", "'\\''", StringComparison.Ordinal)}'"));
        var exec = await RunExecAsync(node, lease, plan, ["sh", "-c", test], SkipCheckTimeout, cancellationToken);
        return exec is { Status: EngineExecStatus.Exited, ExitCode: 0 };
    }

    private async Task<(string Outcome, string? Detail)> RunStepCommandAsync(
        IGpuNodeGrain node, GpuLease lease, RunPlan plan, PreLaunchStep step, CancellationToken cancellationToken)
    {
        await LogAsync(plan, RunLogText.CommandStarting(step.Command!));
        var exec = await RunExecAsync(node, lease, plan, step.Command!, step.Timeout, cancellationToken);
        if (exec is null)
        {
            return ("timed out", $"no answer from node '{plan.NodeName}' within {step.Timeout:c}");
        }

        var logName = string.IsNullOrEmpty(exec.Output) ? null : await WriteCommandLogAsync(plan, $"pre-launch-{step.Name}", exec.Output);
        var where = logName is null ? "" : $" (output in {logName})";
        return exec.Status == EngineExecStatus.Failed ? ("failed", (exec.Error ?? "the command failed") + where)
            : exec.ExitCode is { } code and not 0 ? ("failed", $"exit code {code}{where}")
            : ("succeeded", logName is null ? null : $"output in {logName}");
    }

    /// <summary>Starts the warm-up server with the step's flags, waits until it is ready (or the step's timeout), then stops it.</summary>
    private async Task<(string Outcome, string? Detail)> RunWarmupAsync(
        IGpuNodeGrain node, GpuLease lease, RunPlan plan, PreLaunchStep step, CancellationToken cancellationToken)
    {
        var launch = plan.Launch with { ServerArgs = PreLaunchArgs.Merge(plan.Launch.ServerArgs, step.ServerArgs), StartupTimeout = step.Timeout };
        await LogAsync(plan, RunLogText.LaunchCommand(launch));
        var endpoint = await node.StartEngine(lease.LeaseId, launch);
        try
        {
            // The node stops a start at the launch's timeout; the margin only guards against a node that stops answering.
            var deadline = services.Time.GetUtcNow() + step.Timeout + TimeSpan.FromSeconds(30);
            while (true)
            {
                endpoint = await node.GetEngine(endpoint.ServerId);
                switch (endpoint.Status)
                {
                    case EngineServerStatus.Ready:
                        return ("succeeded", $"warm-up server {endpoint.ServerId} ready");
                    case EngineServerStatus.Failed:
                    case EngineServerStatus.Stopped:
                        var error = endpoint.Error ?? endpoint.Status.ToString();
                        return error.Contains("timeout", StringComparison.OrdinalIgnoreCase)
                            ? ("timed out", $"warm-up server {endpoint.ServerId} not ready within {step.Timeout:c}")
                            : ("failed", $"warm-up server {endpoint.ServerId}: {error}");
                }

                if (services.Time.GetUtcNow() > deadline)
                {
                    return ("timed out", $"warm-up server {endpoint.ServerId} not ready within {step.Timeout:c}");
                }

                await Task.Delay(Options.EnginePollInterval, services.Time, cancellationToken);
            }
        }
        finally
        {
            await IgnoreFailure(node.StopEngine(endpoint.ServerId), plan.RunId, "stop warm-up server");
            await LogAsync(plan, $"warm-up server {endpoint.ServerId} stopped");
        }
    }

    /// <summary>Runs <paramref name="command"/> through the node and polls it to its end; null when the node gives no answer in time.</summary>
    private async Task<EngineExec?> RunExecAsync(
        IGpuNodeGrain node, GpuLease lease, RunPlan plan, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var exec = await node.StartExec(lease.LeaseId, plan.Launch, command, timeout);
        var deadline = services.Time.GetUtcNow() + timeout + TimeSpan.FromSeconds(30);
        while (exec.Status == EngineExecStatus.Running)
        {
            if (services.Time.GetUtcNow() > deadline)
            {
                return null;
            }

            await Task.Delay(Options.EnginePollInterval, services.Time, cancellationToken);
            exec = await node.GetExec(exec.ExecId);
        }

        return exec;
    }
}
