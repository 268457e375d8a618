using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Parsing.UnitTests;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>
/// A test command run in the image on the whole node (default the old nightly's custom all-reduce test, see
/// <see cref="UnitTestDefaults"/>): its whole output kept as a command log, unittest's or pytest's summary parsed, and one
/// check named after the test with the number of tests ran. No server, so no GSM8K gate.
/// </summary>
public sealed class UnitTestKind : IRunKind
{
    public RunMode Mode => RunMode.UnitTest;

    /// <summary>Pre-launch steps belong to a model's preset; a unit test runs none.</summary>
    public bool RunsPreLaunch => false;

    public async Task<RunOutcome> ExecuteAsync(RunContext run)
    {
        var command = run.Plan.Options.Command is { Count: > 0 } asked ? asked : UnitTestDefaults.Command;
        var timeout = run.Plan.Options.Timeout ?? UnitTestDefaults.Timeout;
        var name = TestCommand.TryParse(command)?.Name ?? TestCommand.DefaultName;
        await run.PhaseSkippedAsync(RunPhase.Gsm8kGate);
        await run.PhaseStartedAsync(RunPhase.Benchmark);

        run.Stage = $"unit test {name}";
        await run.LogAsync(RunLogText.CommandStarting(command));
        var startedAt = run.Time.GetUtcNow();
        var exec = await run.ExecAsync(command, timeout);
        var took = run.Time.GetUtcNow() - startedAt;
        var logName = string.IsNullOrEmpty(exec?.Output) ? null : await run.WriteCommandLogAsync(name, exec.Output);

        var (check, outcome) = UnitTestVerdicts.Judge(name, exec, timeout, took, logName);
        await run.ReportCheckAsync(check);
        await run.PhaseStartedAsync(RunPhase.Collected);
        return outcome;
    }
}
