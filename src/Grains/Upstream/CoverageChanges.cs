using SglangCi.Interfaces.Upstream;

namespace SglangCi.Grains.Upstream;

/// <summary>
/// What changed from one coverage report to the next (<see cref="CoverageChange"/>): pure, so the alert card built
/// from it can be tested without a database.
/// </summary>
public static class CoverageChanges
{
    /// <summary>The change from <paramref name="previous"/> (null: none before) to <paramref name="current"/>.</summary>
    public static CoverageChange Between(CoverageReportRecord? previous, CoverageReportRecord current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var gapListsCompared = previous is { HasGapList: true } && current.HasGapList;
        return new CoverageChange(
            current.ReportDate,
            previous?.ReportDate,
            previous?.CoveragePercent,
            current.CoveragePercent,
            previous?.AmdTotal,
            current.AmdTotal,
            previous?.NvidiaTotal,
            current.NvidiaTotal,
            previous is null ? [] : CategoryChanges(previous.Categories, current.Categories),
            gapListsCompared,
            gapListsCompared ? Missing(current.Gaps, previous!.Gaps) : [],
            gapListsCompared ? Missing(previous!.Gaps, current.Gaps) : []);
    }

    private static List<CoverageCategoryChange> CategoryChanges(IReadOnlyList<CoverageCategoryCount> before, IReadOnlyList<CoverageCategoryCount> after)
    {
        var old = before.ToDictionary(Key);
        var changes = new List<CoverageCategoryChange>();
        foreach (var row in after)
        {
            old.Remove(Key(row), out var was);
            if (was is null || was.AmdTests != row.AmdTests || was.NvidiaTests != row.NvidiaTests)
            {
                changes.Add(new CoverageCategoryChange(row.Section, row.Category, was?.AmdTests, row.AmdTests, was?.NvidiaTests, row.NvidiaTests));
            }
        }

        // What is left was dropped; keep the previous report's order for it.
        changes.AddRange(before.Where(row => old.ContainsKey(Key(row)))
            .Select(row => new CoverageCategoryChange(row.Section, row.Category, row.AmdTests, null, row.NvidiaTests, null)));
        return changes;
    }

    private static (string Section, string Category) Key(CoverageCategoryCount row) => (row.Section ?? string.Empty, row.Category);

    /// <summary>The gaps of <paramref name="from"/> that <paramref name="other"/> does not list (same category and file).</summary>
    private static List<CoverageGapFile> Missing(IReadOnlyList<CoverageGapFile> from, IReadOnlyList<CoverageGapFile> other)
    {
        var known = other.Select(g => (g.Category, g.File)).ToHashSet();
        return from.Where(g => !known.Contains((g.Category, g.File))).ToList();
    }
}
