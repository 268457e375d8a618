using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>
/// The nightly online benchmark: engine up, GSM8K gate, then the preset's bench_serving sweep. A preset with no sweep for
/// the hardware (a GSM8K-only variant such as torch compile) ends after the gate. Succeeds only when the gate passed and
/// every planned point produced results; a failed gate skips the sweep.
/// </summary>
public sealed class OnlineBenchmarkKind : IRunKind
{
    public RunMode Mode => RunMode.Online;

    public bool RunsPreLaunch => true;

    public async Task<RunOutcome> ExecuteAsync(RunContext run)
    {
        var plan = run.Plan;
        var gsm8k = plan.Gsm8k ?? throw new RunFailedException($"run '{plan.RunId}' has no GSM8K plan");
        run.Stage = "engine start";
        var baseUrl = await run.StartEngineAsync(plan.Launch);
        await run.PhaseStartedAsync(RunPhase.ServerUp);

        run.Stage = "GSM8K gate";
        await run.PhaseStartedAsync(RunPhase.Gsm8kGate);
        var gate = await run.RunGsm8kAsync(baseUrl, gsm8k);
        await run.LogAsync(RunLogText.Gsm8kGate(gate));
        await run.ReportGsm8kAsync(gate);
        if (!gate.Passed)
        {
            return RunOutcome.Skipped(Gsm8kGateRules.FailureReason(gate));
        }

        if (plan.Benchmark is not { Points.Count: > 0 } benchmark)
        {
            await run.PhaseSkippedAsync(RunPhase.Benchmark);
            await run.PhaseStartedAsync(RunPhase.Collected);
            return RunOutcome.Succeeded;
        }

        await run.PhaseStartedAsync(RunPhase.Benchmark);
        await run.RunBenchmarkAsync(baseUrl, benchmark);
        await run.PhaseStartedAsync(RunPhase.Collected);
        return RunOutcome.Succeeded;
    }
}
