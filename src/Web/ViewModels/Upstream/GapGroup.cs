using SglangCi.Interfaces.Upstream;

namespace SglangCi.Web.ViewModels.Upstream;

/// <summary>The NVIDIA-only files of one category, with what running them all would take (of the files that have an estimate).</summary>
public sealed record GapGroup(string Category, IReadOnlyList<CoverageGapFile> Files)
{
    public double? EstimatedSeconds => Files.Any(f => f.EstimatedSeconds is not null) ? Files.Sum(f => f.EstimatedSeconds ?? 0) : null;

    /// <summary>The groups of <paramref name="gaps"/>, most files first, files in path order.</summary>
    public static IReadOnlyList<GapGroup> Of(IEnumerable<CoverageGapFile> gaps) =>
        gaps.GroupBy(g => g.Category, StringComparer.Ordinal)
            .Select(g => new GapGroup(g.Key, g.OrderBy(f => f.File, StringComparer.Ordinal).ToList()))
            .OrderByDescending(g => g.Files.Count).ThenBy(g => g.Category, StringComparer.Ordinal)
            .ToList();
}
