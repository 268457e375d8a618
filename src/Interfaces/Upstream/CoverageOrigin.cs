namespace SglangCi.Interfaces.Upstream;

/// <summary>Where a coverage report came from; only computed reports carry a commit and a gap list.</summary>
[GenerateSerializer]
public enum CoverageOrigin
{
    /// <summary>An old CI CSV (<c>upstream_ci/ci_report/*.csv</c>) brought in by the history importer.</summary>
    Imported = 0,

    /// <summary>Counted by our own job from an SGLang checkout.</summary>
    Computed = 1,
}
