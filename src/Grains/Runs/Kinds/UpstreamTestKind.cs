using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Upstream.Tests;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>
/// Upstream SGLang test files run from the run's image on its GPU lease, in one container (<see cref="UpstreamTestBatch"/>):
/// each under its own timeout, each with its own log and check, then a summary check (passed / failed / timed out). The
/// run succeeds only when every test passed. No server, so no GSM8K gate.
/// </summary>
public sealed class UpstreamTestKind : IRunKind
{
    public RunMode Mode => RunMode.UpstreamTest;

    public bool RunsPreLaunch => false;

    public async Task<RunOutcome> ExecuteAsync(RunContext run)
    {
        var options = run.Plan.Options;
        var batch = BatchOf(options);
        await run.PhaseSkippedAsync(RunPhase.Gsm8kGate);
        await run.PhaseStartedAsync(RunPhase.Benchmark);

        run.Stage = $"upstream tests ({batch.Tests.Count})";
        var command = batch.ToCommand();
        await run.LogAsync($"upstream tests: {string.Join(", ", batch.Tests.Select(t => t.Name))} in {batch.SglangPath}, {UnitTestVerdicts.Minutes(batch.PerTestTimeout)} each");
        var startedAt = run.Time.GetUtcNow();
        var exec = await run.ExecAsync(command, batch.WholeTimeout, LaunchFor(run.Plan));
        var took = run.Time.GetUtcNow() - startedAt;
        var output = exec?.Output ?? "";
        if (output.Length > 0)
        {
            await run.WriteCommandLogAsync("upstream-tests", output);
        }

        var (sections, missingCheckout) = UpstreamTestOutput.Split(output);
        if (missingCheckout is not null)
        {
            return RunOutcome.Failed($"no SGLang checkout at {missingCheckout} in image {run.Plan.Launch.Image} (set the path with --sglang-path)");
        }

        var batchEnding = BatchEnding(exec, batch);
        var checks = new List<RunCheckResult>();
        foreach (var test in batch.Tests.Select((t, i) => (File: t, Index: i + 1)))
        {
            var section = sections.FirstOrDefault(s => s.Index == test.Index);
            var logName = string.IsNullOrEmpty(section?.Text) ? null : await run.WriteCommandLogAsync(LogNameOf(test), section.Text);
            var check = UpstreamTestVerdicts.Judge(test.File, section, batch.PerTestTimeout, logName, batchEnding);
            checks.Add(check);
            await run.ReportCheckAsync(check);
        }

        var (summary, outcome) = UpstreamTestVerdicts.Summarize(checks, took);
        await run.ReportCheckAsync(summary);
        await run.LogAsync($"upstream tests: {summary.Detail}");
        await run.PhaseStartedAsync(RunPhase.Collected);
        return outcome;
    }

    /// <summary>The batch the options ask for; a job without tests, or with a bad name, fails before anything starts.</summary>
    private static UpstreamTestBatch BatchOf(RunOptions options)
    {
        if (options.Tests is not { Count: > 0 } names)
        {
            throw new RunFailedException("an upstream test job needs at least one test file (--test test_abort.py)");
        }

        try
        {
            var tests = names.Select(UpstreamTestFile.Parse).ToArray();
            return new UpstreamTestBatch(options.SglangPath ?? UpstreamTestDefaults.SglangPath, tests, options.Timeout ?? UpstreamTestDefaults.PerTestTimeout);
        }
        catch (ArgumentException e)
        {
            throw new RunFailedException(e.Message);
        }
    }

    /// <summary>The plan's launch with the AMD CI environment (on AMD hardware) and the job's own entries on top.</summary>
    private static EngineLaunch LaunchFor(RunPlan plan) =>
        plan.Launch with { Environment = JobEnvironment.Of(plan, UpstreamTestDefaults.IsAmd(plan.Hardware) ? UpstreamTestDefaults.AmdEnvironment : null) };

    /// <summary>Why the batch stopped early, if it did: the node's own failure, or its whole time being up.</summary>
    private static string? BatchEnding(EngineExec? exec, UpstreamTestBatch batch) => exec switch
    {
        null => $"the batch did not end within {UnitTestVerdicts.Minutes(batch.WholeTimeout)}",
        { Status: EngineExecStatus.Failed } => exec.Error ?? "the batch's container failed",
        _ => null,
    };

    /// <summary>One log per test, named after its file (<c>lora/test_lora.py</c> → <c>upstream-3-lora-test_lora</c>).</summary>
    private static string LogNameOf((UpstreamTestFile File, int Index) test) =>
        $"upstream-{test.Index}-{Path.ChangeExtension(test.File.Name, null).Replace('/', '-')}";
}
