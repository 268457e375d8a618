namespace SglangCi.Web.ViewModels.Upstream;

/// <summary>One slice of the coverage doughnut: tests AMD also runs, or tests only NVIDIA runs.</summary>
public sealed record CoverageSlice(string Label, int Tests);
