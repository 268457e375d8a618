namespace SglangCi.Toolkit.History.UnitTests;

/// <summary>
/// A unit-test run's outcome. A run killed by the OOM killer or a timeout (exit 137) is kept apart from a failing
/// test: the first is a machine problem, the second an engine regression.
/// </summary>
public enum UnitTestResult
{
    /// <summary>Exit code 0 (and the footer said PASSED).</summary>
    Passed,

    /// <summary>Any other exit code, or a footer that said FAILED.</summary>
    Failed,

    /// <summary>Exit code 137: SIGKILL, no unittest verdict.</summary>
    Killed,
}
