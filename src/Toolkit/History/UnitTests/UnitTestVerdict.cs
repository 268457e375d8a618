namespace SglangCi.Toolkit.History.UnitTests;

/// <summary>
/// Python unittest's own verdict line (<c>OK</c>, <c>OK (skipped=1)</c>, <c>FAILED (errors=2, failures=1)</c>), kept
/// next to the wrapper's exit code because the two can disagree (a crash after the verdict, a killed run with none).
/// Counts not printed are null.
/// </summary>
public sealed record UnitTestVerdict(bool Ok, int? Errors, int? Failures, int? Skipped, int? ExpectedFailures, int? UnexpectedSuccesses, string Text, SourceRef Source);
