namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// One row of the comparison: the per-commit or nightly tests that need <see cref="GpuCount"/> GPUs, on each platform.
/// A file is counted once per platform however many suites of the category list it (MI300 and MI355 AMD suites
/// together, era A and era B together). Names continue the old reports: per-commit →
/// <c>unit-test-backend-&lt;N&gt;-gpu</c> (section "Per-PR CI Tests"). Nightly suites give <c>nightly-&lt;N&gt;-gpu</c>
/// categories: detail for JSON, markdown and text only. The CSV and the summary sums keep the old report's
/// <c>nightly-models-test</c> row instead (<see cref="NightlyModelCounter"/>), because history before the switch-over
/// only has that row and a different count in its place would be a step, not a change in coverage.
/// </summary>
public sealed record CoverageCategory
{
    public const string PerPrSection = "Per-PR CI Tests";
    public const string AdditionalSection = "Additional Test Categories";

    public required string Name { get; init; }

    /// <summary>The report section the row belongs to; nightly categories name "Additional Test Categories" but are not written to the CSV.</summary>
    public required string Section { get; init; }

    public required bool Nightly { get; init; }

    public required int GpuCount { get; init; }

    public int NvidiaTests => Common.Count + NvidiaOnly.Count;

    public int AmdTests => Common.Count + AmdOnly.Count;

    public int CommonTests => Common.Count;

    public int? CoveragePercent => Coverage.CoveragePercent.Of(AmdTests, NvidiaTests);

    /// <summary>Sum of the NVIDIA files' estimates (a file without one adds nothing).</summary>
    public required double NvidiaEstimatedSeconds { get; init; }

    public required double AmdEstimatedSeconds { get; init; }

    public required IReadOnlyList<string> NvidiaSuites { get; init; }

    public required IReadOnlyList<string> AmdSuites { get; init; }

    /// <summary>The gap list: files NVIDIA runs in this category and AMD does not.</summary>
    public required IReadOnlyList<CoverageFile> NvidiaOnly { get; init; }

    public required IReadOnlyList<CoverageFile> AmdOnly { get; init; }

    public required IReadOnlyList<string> Common { get; init; }

    /// <summary>NVIDIA files left out as AMD-incompatible (empty with <see cref="CoverageOptions.IncludeIncompatible"/>).</summary>
    public required IReadOnlyList<CoverageFile> ExcludedIncompatible { get; init; }

    public static string NameFor(bool nightly, int gpuCount) => nightly ? $"nightly-{gpuCount}-gpu" : $"unit-test-backend-{gpuCount}-gpu";
}
