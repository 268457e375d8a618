namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>How to compare.</summary>
/// <param name="IncludeIncompatible">
/// Count NVIDIA tests on the old tool's AMD-incompatible list (<see cref="AmdIncompatibleTests"/>). Off by default so the
/// numbers continue the old reports; the excluded files are listed either way.
/// </param>
public sealed record CoverageOptions(bool IncludeIncompatible = false);
