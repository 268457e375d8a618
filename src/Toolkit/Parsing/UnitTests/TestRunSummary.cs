namespace SglangCi.Toolkit.Parsing.UnitTests;

/// <summary>Which test runner printed a summary.</summary>
public enum TestRunner
{
    /// <summary>Python's <c>unittest</c>: <c>Ran N tests in Xs</c>, then <c>OK</c> or <c>FAILED (…)</c>.</summary>
    Unittest = 0,

    /// <summary><c>pytest</c>: <c>== 3 passed, 1 failed in 2.31s ==</c>.</summary>
    Pytest = 1,
}

/// <summary>
/// What a test runner said at the end of its output: how many tests ran, how long they took and its verdict.
/// </summary>
/// <param name="Ran">unittest's <c>Ran N</c>; for pytest the sum of its outcomes (deselected tests and warnings not counted).</param>
/// <param name="Text">The summary line as printed (<c>Ran 2 tests in 38.112s</c>, or pytest's line without its rules).</param>
/// <param name="Line">The 1-based line of <paramref name="Text"/>.</param>
/// <param name="Verdict">The verdict; null when unittest printed <c>Ran</c> but died before its verdict.</param>
public sealed record TestRunSummary(TestRunner Runner, int Ran, double DurationS, string Text, int Line, TestVerdict? Verdict)
{
    /// <summary>True only for a verdict that says every test passed (or was skipped) and at least one ran.</summary>
    public bool Ok => Verdict?.Ok == true;

    /// <summary>Failures plus errors, the tests a person has to look at.</summary>
    public int NotPassed => (Verdict?.Failures ?? 0) + (Verdict?.Errors ?? 0);
}

/// <summary>
/// A runner's verdict (<c>OK</c>, <c>OK (skipped=1)</c>, <c>FAILED (errors=2, failures=1)</c>, or pytest's counts).
/// Counts not printed are null.
/// </summary>
/// <param name="Passed">pytest's <c>passed</c>; unittest prints no such count.</param>
/// <param name="Line">The 1-based line of <paramref name="Text"/>.</param>
public sealed record TestVerdict(
    bool Ok,
    int? Passed,
    int? Failures,
    int? Errors,
    int? Skipped,
    int? ExpectedFailures,
    int? UnexpectedSuccesses,
    string Text,
    int Line);
