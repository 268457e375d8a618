using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>
/// The PD disaggregation test (the old <c>run_pd_docker.sh</c>): prefill and decode servers on disjoint halves of the
/// lease's GPUs behind the PD router, then the checks of <see cref="PdChecks"/>, each stored as a run check. The run
/// succeeds only when every check passed, GSM8K included against a real threshold. A server that never comes up fails
/// the run naming its role, and the checks that could not run are stored as skipped ("setup failed"), as the old
/// summary's PENDING lines. The pipeline stops all three servers, router first.
/// </summary>
public sealed class PdDisaggregationKind : IRunKind
{
    public RunMode Mode => RunMode.PdDisaggregation;

    /// <summary>The preset's pre-launch steps warm up its main (TP 8) launch, not the PD servers; the old test ran none.</summary>
    public bool RunsPreLaunch => false;

    public async Task<RunOutcome> ExecuteAsync(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var pd = run.Plan.Pd ?? throw new RunFailedException($"run '{run.Plan.RunId}' has no PD plan");
        var settings = PdSettings.For(run.Plan, pd);
        var checks = new PdCheckRunner(run, settings.Timeout);

        PdEndpoints servers;
        try
        {
            servers = await PdServers.StartAsync(run, pd);
        }
        catch (Exception e) when (!run.CancellationToken.IsCancellationRequested)
        {
            var reason = e is EngineStartException or RunFailedException ? e.Message : $"{run.Stage} failed: {e.Message}";
            foreach (var name in PdChecks.Names)
            {
                await checks.SkipAsync(name, "setup failed");
            }

            return RunOutcome.Failed(reason);
        }

        await run.PhaseStartedAsync(RunPhase.ServerUp);
        var failures = await RunChecksAsync(run, checks, new PdChecks(run, servers, settings));
        await run.PhaseSkippedAsync(RunPhase.Benchmark);
        await run.PhaseStartedAsync(RunPhase.Collected);
        return failures.Count == 0
            ? RunOutcome.Succeeded
            : RunOutcome.Failed(string.Join("; ", failures.Select(f => $"{f.Name} check {f.Status.ToString().ToLowerInvariant()}: {f.Detail}")));
    }

    /// <summary>Every check runs, so one failure does not hide the others; only the job's timeout stops the rest.</summary>
    private static async Task<IReadOnlyList<RunCheckResult>> RunChecksAsync(RunContext run, PdCheckRunner checks, PdChecks probes)
    {
        var failures = new List<RunCheckResult>();
        string? stopped = null;
        foreach (var name in PdChecks.Names)
        {
            if (stopped is not null)
            {
                await checks.SkipAsync(name, stopped);
                continue;
            }

            var result = await checks.RunAsync(name, () => probes.RunAsync(name));
            if (result.Status != CheckStatus.Passed)
            {
                failures.Add(result);
            }

            if (result.Status == CheckStatus.TimedOut)
            {
                stopped = "the job's timeout ran out";
            }
        }

        return failures;
    }
}
