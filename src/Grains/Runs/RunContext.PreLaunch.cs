using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Grains.Runs;

/// <summary>The preset's pre-launch steps: after the lease, before the server (or bench_one_batch).</summary>
public sealed partial class RunContext
{
    /// <summary>How long the existence check of a step's <see cref="PreLaunchStep.SkipIfAllExist"/> may take.</summary>
    private static readonly TimeSpan SkipCheckTimeout = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Runs <see cref="RunPlan.PreLaunch"/> in order, each within its timeout, logging start, outcome and duration.
    /// A failed step is logged and the run goes on, unless it is required: then the run fails naming the step.
    /// </summary>
    internal async Task RunPreLaunchAsync()
    {
        var plan = Plan;
        for (var i = 0; i < plan.PreLaunch.Count; i++)
        {
            var step = plan.PreLaunch[i];
            Stage = $"pre-launch step '{step.Name}'";
            await LogAsync(RunLogText.PreLaunchStarting(step, i, plan.PreLaunch.Count));
            var startedAt = Time.GetUtcNow();
            var (outcome, detail) = await AllExistAsync(step.SkipIfAllExist)
                ? ("skipped", $"all of {string.Join(", ", step.SkipIfAllExist!)} exist")
                : step.Kind == PreLaunchStepKind.WarmupServer
                    ? await RunWarmupAsync(step)
                    : await RunStepCommandAsync(step);
            await LogAsync(RunLogText.PreLaunchFinished(step, outcome, detail, Time.GetUtcNow() - startedAt));
            if (step.Required && outcome is not ("succeeded" or "skipped"))
            {
                throw new RunFailedException($"required pre-launch step '{step.Name}' {outcome}: {detail}");
            }
        }
    }

    /// <summary>True when <paramref name="paths"/> is not empty and every path exists in the engine's environment.</summary>
    private async Task<bool> AllExistAsync(IReadOnlyList<string>? paths)
    {
        if (paths is not { Count: > 0 })
        {
            return false;
        }

        var test = string.Join(" && ", paths.Select(p => $"test -e '{p.Replace("'", "'\\''", StringComparison.Ordinal)}'"));
        var exec = await ExecAsync(["sh", "-c", test], SkipCheckTimeout);
        return exec is { Status: EngineExecStatus.Exited, ExitCode: 0 };
    }

    private async Task<(string Outcome, string? Detail)> RunStepCommandAsync(PreLaunchStep step)
    {
        await LogAsync(RunLogText.CommandStarting(step.Command!));
        var exec = await ExecAsync(step.Command!, step.Timeout);
        if (exec is null)
        {
            return ("timed out", $"no answer from node '{Plan.NodeName}' within {step.Timeout:c}");
        }

        var logName = string.IsNullOrEmpty(exec.Output) ? null : await WriteCommandLogAsync($"pre-launch-{step.Name}", exec.Output);
        var where = logName is null ? "" : $" (output in {logName})";
        return exec.Status == EngineExecStatus.Failed ? ("failed", (exec.Error ?? "the command failed") + where)
            : exec.ExitCode is { } code and not 0 ? ("failed", $"exit code {code}{where}")
            : ("succeeded", logName is null ? null : $"output in {logName}");
    }

    /// <summary>Starts the warm-up server with the step's flags, waits until it is ready (or the step's timeout), then stops it.</summary>
    private async Task<(string Outcome, string? Detail)> RunWarmupAsync(PreLaunchStep step)
    {
        var launch = Plan.Launch with { ServerArgs = PreLaunchArgs.Merge(Plan.Launch.ServerArgs, step.ServerArgs), StartupTimeout = step.Timeout };
        await LogAsync(RunLogText.LaunchCommand(launch));
        var endpoint = await Node.StartEngine(Lease.LeaseId, launch);
        try
        {
            // The node stops a start at the launch's timeout; the margin only guards against a node that stops answering.
            var deadline = Time.GetUtcNow() + step.Timeout + TimeSpan.FromSeconds(30);
            while (true)
            {
                endpoint = await Node.GetEngine(endpoint.ServerId);
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

                if (Time.GetUtcNow() > deadline)
                {
                    return ("timed out", $"warm-up server {endpoint.ServerId} not ready within {step.Timeout:c}");
                }

                await Task.Delay(Options.EnginePollInterval, Time, CancellationToken);
            }
        }
        finally
        {
            await StopQuietlyAsync(endpoint.ServerId, "warm-up server");
            await LogAsync($"warm-up server {endpoint.ServerId} stopped");
        }
    }
}
