using SglangCi.Interfaces.Upstream;

namespace SglangCi.Grains.Upstream;

/// <summary>
/// What a report must satisfy before it is stored, checked up front so a bad report is refused with a message that
/// names the problem instead of failing half-way on a database key.
/// </summary>
public static class CoverageReportValidation
{
    public static void ThrowIfInvalid(CoverageReportRecord report)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(report.SourcePath, nameof(report));
        ArgumentNullException.ThrowIfNull(report.Categories, nameof(report));
        ArgumentNullException.ThrowIfNull(report.Gaps, nameof(report));
        if (report.Origin == CoverageOrigin.Imported && report.Gaps.Count > 0)
        {
            throw new ArgumentException("An imported coverage report has no gap list; only computed reports carry gaps.", nameof(report));
        }

        if (report.Categories.GroupBy(c => (c.Section ?? string.Empty, c.Category)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"The category '{twice.Key.Item2}' appears twice under the section '{twice.Key.Item1}'.", nameof(report));
        }

        if (report.Gaps.GroupBy(g => (g.Category, g.File)).FirstOrDefault(g => g.Count() > 1) is { } listed)
        {
            throw new ArgumentException($"The gap '{listed.Key.File}' is listed twice in category '{listed.Key.Category}'.", nameof(report));
        }
    }
}
