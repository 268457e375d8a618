namespace SglangCi.Silo.RunKinds.UpstreamCoverage;

/// <summary>
/// <c>SglangCi:Upstream:Coverage</c>: where the silo finds the SGLang checkout an <c>upstream-coverage</c> job reads, and
/// whether it brings the checkout up to date first.
/// </summary>
public sealed class UpstreamCoverageOptions
{
    public const string SectionName = "SglangCi:Upstream:Coverage";

    /// <summary>A local SGLang checkout on the silo's host; a job's <c>sglangPath</c> option overrides it. Null: jobs are
    /// skipped, saying this setting is missing.</summary>
    public string? Checkout { get; set; }

    /// <summary>Run <c>git pull --ff-only</c> in the checkout before reading it (the old tool fetched run_suite.py from
    /// GitHub each time). Off by default: a checkout someone else keeps current needs no pull.</summary>
    public bool Pull { get; set; }

    /// <summary>How long the pull may take.</summary>
    public TimeSpan PullTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Count NVIDIA tests the old tool left out as AMD-incompatible (off: numbers continue the old reports).</summary>
    public bool IncludeIncompatible { get; set; }
}
