using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Upstream.Tests;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>
/// How each test of an upstream batch ended, and what the whole run says (pure, so every ending is tested without a
/// node). A test that ran is judged exactly like a unit-test job (<see cref="UnitTestVerdicts"/>: exit 0 and the runner's
/// own OK); one its timeout stopped is timed out; one the batch never reached, or left unfinished, failed.
/// </summary>
public static class UpstreamTestVerdicts
{
    /// <summary>The check of one test of the batch.</summary>
    /// <param name="test">The test asked for.</param>
    /// <param name="section">What it printed; null when the batch never started it.</param>
    /// <param name="logName">Where its output was kept.</param>
    /// <param name="batchEnding">Why the batch stopped, when it did not run to its end (null: it ran to its end).</param>
    public static RunCheckResult Judge(UpstreamTestFile test, UpstreamTestSection? section, TimeSpan timeout, string? logName, string? batchEnding)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (section is null)
        {
            return new RunCheckResult(test.Name, CheckStatus.Failed, null, null, $"not run: {batchEnding ?? "the batch ended before it"}");
        }

        var took = section.Seconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        if (!section.Ended)
        {
            var where = logName is null ? "" : $" (output in {logName})";
            return new RunCheckResult(test.Name, CheckStatus.Failed, null, null, $"did not finish: {batchEnding ?? "its output stops mid-test"}{where}");
        }

        var exec = section.TimedOut(timeout)
            ? null
            : new EngineExec(test.Name, EngineExecStatus.Exited, section.ExitCode, section.Text, null, null);
        return UnitTestVerdicts.Judge(test.Name, exec, timeout, took ?? TimeSpan.Zero, logName).Check;
    }

    /// <summary>
    /// The run's summary check (passed / failed / timed out counts) and outcome: it succeeds only when every test passed.
    /// </summary>
    public static (RunCheckResult Summary, RunOutcome Outcome) Summarize(IReadOnlyList<RunCheckResult> tests, TimeSpan took)
    {
        ArgumentNullException.ThrowIfNull(tests);
        var passed = tests.Count(t => t.Status == CheckStatus.Passed);
        var timedOut = tests.Where(t => t.Status == CheckStatus.TimedOut).ToArray();
        var failed = tests.Where(t => t.Status is not (CheckStatus.Passed or CheckStatus.TimedOut)).ToArray();
        var text = $"{passed} passed, {failed.Length} failed, {timedOut.Length} timed out (of {tests.Count})";
        if (failed.Length == 0 && timedOut.Length == 0)
        {
            return (new RunCheckResult(SummaryName, CheckStatus.Passed, tests.Count, took, text), RunOutcome.Succeeded);
        }

        var names = failed.Select(t => $"{t.Name} failed").Concat(timedOut.Select(t => $"{t.Name} timed out"));
        return (new RunCheckResult(SummaryName, CheckStatus.Failed, tests.Count, took, text),
            RunOutcome.Failed($"{failed.Length + timedOut.Length} of {tests.Count} upstream tests did not pass: {string.Join(", ", names)}"));
    }

    /// <summary>The summary check's name; no test file is called that (they end in .py).</summary>
    public const string SummaryName = "upstream tests";
}
