namespace SglangCi.Toolkit.History.Coverage;

/// <summary>
/// One category row of an upstream coverage CSV: how many tests AMD and NVIDIA run in it. <see cref="Section"/> is the
/// nearest heading above (<c>CI Category Summary</c>, <c>Per-PR CI Tests</c>, <c>Additional Test Categories</c>), null in
/// the oldest files that had none; the summary's totals and the breakdown's suites must not be added together.
/// <see cref="CoveragePercent"/> is null for <c>N/A</c> (no NVIDIA tests), never 0.
/// </summary>
public sealed record CoverageRow(string? Section, string Category, int AmdTests, int NvidiaTests, double? CoveragePercent, SourceRef Source);
