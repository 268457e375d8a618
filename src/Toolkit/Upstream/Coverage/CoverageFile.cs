namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>A test file in a category, with the registry's estimate on that platform (the largest, if registered twice).</summary>
public sealed record CoverageFile(string File, double? EstimatedSeconds);
