using System.Globalization;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.UnitTests;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>
/// How a test command ended, as a check and the run's outcome (pure, so every ending is tested without a node). It passes
/// only when the command exited 0 and the runner's own summary says OK: an exit code alone passed a run that ran no test,
/// and a summary alone passed a run killed after printing it.
/// </summary>
public static class UnitTestVerdicts
{
    /// <param name="name">The check's name (the test module).</param>
    /// <param name="exec">How the command ended; null when the node gave no answer within the timeout.</param>
    /// <param name="took">From start to the last poll.</param>
    /// <param name="logName">Where the whole output was kept; null when there was none.</param>
    public static (RunCheckResult Check, RunOutcome Outcome) Judge(string name, EngineExec? exec, TimeSpan timeout, TimeSpan took, string? logName)
    {
        ArgumentNullException.ThrowIfNull(name);
        var where = logName is null ? "" : $" (output in {logName})";
        if (exec is null || (exec.Status == EngineExecStatus.Failed && took >= timeout))
        {
            return Ending(name, CheckStatus.TimedOut, null, took, $"timed out after {Minutes(timeout)}", where);
        }

        if (exec.Status != EngineExecStatus.Exited)
        {
            return Ending(name, CheckStatus.Failed, null, took, exec.Error ?? "the command could not run", where);
        }

        var exitCode = exec.ExitCode ?? -1;
        TestRunSummary? summary;
        try
        {
            summary = TestRunSummaryParser.Parse(exec.Output ?? "", logName ?? name);
        }
        catch (OutputParseException e)
        {
            return Ending(name, CheckStatus.Failed, null, took, $"unreadable test summary ({e.Message}); exit code {exitCode}", where);
        }

        var said = summary is null ? "" : $"; {Said(summary)}";
        var failure = FailureOf(summary, exitCode);
        return failure is null
            ? (new RunCheckResult(name, CheckStatus.Passed, summary!.Ran, took, $"{Said(summary)}{where}"), RunOutcome.Succeeded)
            : Ending(name, CheckStatus.Failed, summary?.Ran, took, failure, said + where);
    }

    /// <summary>Null when the tests passed; otherwise why not, most telling first (a kill explains a missing summary).</summary>
    private static string? FailureOf(TestRunSummary? summary, int exitCode)
    {
        if (exitCode == 137)
        {
            return "killed (exit 137, out of memory?)";
        }

        if (summary is null)
        {
            return $"no unittest summary in the output; exit code {exitCode}";
        }

        if (summary.Verdict is not { } verdict)
        {
            return $"no verdict after '{summary.Text}'; exit code {exitCode}";
        }

        if (summary.NotPassed > 0)
        {
            return $"{summary.NotPassed} of {summary.Ran} tests failed ({Counts(verdict)})";
        }

        if (!verdict.Ok)
        {
            return summary.Ran == 0 ? $"no tests ran; exit code {exitCode}" : $"the runner said '{verdict.Text}'; exit code {exitCode}";
        }

        return exitCode == 0 ? null : $"the tests passed but the command exited {exitCode}";
    }

    private static (RunCheckResult, RunOutcome) Ending(string name, CheckStatus status, double? ran, TimeSpan took, string reason, string context) =>
        (new RunCheckResult(name, status, ran, took, reason + context), RunOutcome.Failed($"{name}: {reason}"));

    /// <summary>"Ran 2 tests in 38.112s: OK", or pytest's line as printed.</summary>
    private static string Said(TestRunSummary summary) =>
        summary.Runner == TestRunner.Pytest || summary.Verdict is null ? summary.Text : $"{summary.Text}: {summary.Verdict.Text}";

    private static string Counts(TestVerdict verdict) =>
        string.Join(", ", new[] { ("failures", verdict.Failures), ("errors", verdict.Errors) }
            .Where(c => c.Item2 is > 0)
            .Select(c => $"{c.Item1}={c.Item2}"));

    /// <summary>A job's time limit as people read it: "30 min", "90 s", "1.5 min".</summary>
    public static string Minutes(TimeSpan span) =>
        span < TimeSpan.FromMinutes(1)
            ? $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s"
            : $"{span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min";
}
