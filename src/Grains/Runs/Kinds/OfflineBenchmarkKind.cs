using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.OneBatch;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>The offline benchmark: bench_one_batch per case of the preset's offline plans; no server, so no GSM8K gate.</summary>
public sealed class OfflineBenchmarkKind : IRunKind
{
    public RunMode Mode => RunMode.Offline;

    public bool RunsPreLaunch => true;

    public async Task<RunOutcome> ExecuteAsync(RunContext run)
    {
        // bench_one_batch loads the model in its own process: no server, and so no GSM8K gate.
        await run.PhaseSkippedAsync(RunPhase.Gsm8kGate);
        await run.PhaseStartedAsync(RunPhase.Benchmark);
        await RunCasesAsync(run);
        await run.PhaseStartedAsync(RunPhase.Collected);
        return RunOutcome.Succeeded;
    }

    /// <summary>
    /// One <c>bench_one_batch</c> command per case of every offline plan, run through the node in the engine's
    /// environment and parsed with <see cref="OneBatchParser"/>. A case that prints no numbers (out of memory, skipped
    /// for the batch limit, a crash) is stored with null values, like the old CSV's NA; the run fails only when no
    /// case produced numbers, with the last case's reason.
    /// </summary>
    private static async Task RunCasesAsync(RunContext run)
    {
        var plan = run.Plan;
        var anyNumbers = false;
        string? lastFailure = null;
        foreach (var offline in plan.Offline)
        {
            foreach (var c in offline.Cases)
            {
                var where = $"bench_one_batch {offline.Mode} (batch {c.BatchSize}, input {c.InputLen}, output {c.OutputLen})";
                run.Stage = where;
                var (result, failure, logName) = await RunCaseAsync(run, offline, c);
                await run.LogAsync(RunLogText.OfflineCase(where, result, failure, logName));
                if (failure is not null)
                {
                    lastFailure = $"{where}: {failure}";
                }

                anyNumbers |= result.HasNumbers;
                await run.ReportOfflineAsync(result);
            }
        }

        if (!anyNumbers)
        {
            throw new RunFailedException($"no bench_one_batch case produced numbers; {lastFailure ?? "no output"}");
        }
    }

    private static async Task<(OfflineResult Result, string? Failure, string? LogName)> RunCaseAsync(RunContext run, OfflinePlan offline, OfflineCase c)
    {
        var (result, failure, output) = await RunCommandAsync(run, offline, c);
        var logName = output is null ? null : await run.WriteCommandLogAsync("bench_one_batch", output);
        return (result, failure, logName);
    }

    private static async Task<(OfflineResult Result, string? Failure, string? Output)> RunCommandAsync(RunContext run, OfflinePlan offline, OfflineCase c)
    {
        var empty = OfflineResult.Empty(c.BatchSize, c.InputLen, c.OutputLen);
        var command = OfflineCommand.For(run.Plan.Launch, offline, c);
        await run.LogAsync(RunLogText.CommandStarting(command));
        var exec = await run.ExecAsync(command, run.Options.OfflineCaseTimeout);
        if (exec is null)
        {
            return (empty, $"no answer from node '{run.Plan.NodeName}' within {run.Options.OfflineCaseTimeout}", null);
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
}
