namespace SglangCi.Toolkit.History.Coverage;

/// <summary>
/// One test file that NVIDIA's CI runs and AMD's does not, in one category of a coverage report (the gap list). Reports
/// computed from a checkout carry them; the old CSVs imported as history do not.
/// </summary>
/// <param name="Category">The report row it belongs to, e.g. <c>unit-test-backend-1-gpu</c>.</param>
/// <param name="File">Path relative to the checkout's <c>test/</c> folder as the registry names it, e.g. <c>srt/test_fa3.py</c>.</param>
/// <param name="EstimatedSeconds">The registry's estimated time for it on NVIDIA, when it gives one.</param>
public sealed record CoverageGap(string Category, string File, double? EstimatedSeconds);
