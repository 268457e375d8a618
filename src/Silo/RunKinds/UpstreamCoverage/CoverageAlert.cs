using System.Globalization;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Upstream;

namespace SglangCi.Silo.RunKinds.UpstreamCoverage;

/// <summary>
/// The Teams card of a new coverage report (pure): raised when total coverage dropped, or when tests moved (a category's
/// counts changed, files joined or left the NVIDIA-only list). Nothing for the first report or an unchanged one: a daily
/// card that says "same as yesterday" teaches people to ignore the channel. Nothing either against an imported old report
/// (no gap list to compare): the old tool also counted workflow jobs this count does not, so the first computed report is
/// a new baseline, not a drop.
/// </summary>
public static class CoverageAlert
{
    /// <summary>Most files listed per table; the page has the rest.</summary>
    public const int MaxFilesListed = 15;

    /// <summary>The old CSV's heading over its totals rows.</summary>
    private const string SummarySection = "CI Category Summary";

    public static AlertMessage? For(CoverageChange change, string runId, string? dashboardUrl, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.PreviousDate is null || !change.GapListsCompared || !change.HasChanges)
        {
            return null;
        }

        var dropped = change.PercentPointsChange is < 0;
        var day = change.ReportDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var title = dropped
            ? $"Upstream AMD coverage dropped to {Percent(change.PercentAfter)} ({Points(change.PercentPointsChange)})"
            : $"Upstream CI tests moved (AMD coverage {Percent(change.PercentAfter)})";
        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Report"] = day,
            ["Compared with"] = change.PreviousDate.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Coverage"] = $"{Percent(change.PercentBefore)} → {Percent(change.PercentAfter)}",
            ["AMD tests"] = $"{Count(change.AmdTotalBefore)} → {Count(change.AmdTotalAfter)}",
            ["NVIDIA tests"] = $"{Count(change.NvidiaTotalBefore)} → {Count(change.NvidiaTotalAfter)}",
        };
        var tables = new List<AlertTable>();
        // The summary section's rows repeat the totals already in the facts.
        var categories = change.Categories.Where(c => c.Section != SummarySection).ToList();
        if (categories.Count > 0)
        {
            tables.Add(new AlertTable(
                "Categories that changed",
                ["Category", "AMD", "NVIDIA"],
                [.. categories.Select(c => (IReadOnlyList<string>)[c.Category, $"{Count(c.AmdBefore)} → {Count(c.AmdAfter)}", $"{Count(c.NvidiaBefore)} → {Count(c.NvidiaAfter)}"])]));
        }

        AddFiles(tables, "New NVIDIA-only tests", change.NewGaps);
        AddFiles(tables, "No longer NVIDIA-only", change.ClosedGaps);
        return new AlertMessage(
            DedupeKey: $"upstream-coverage/{day}/{runId}",
            Title: title,
            Severity: dropped ? AlertSeverity.Warning : AlertSeverity.Info,
            Text: Summary(change),
            Facts: facts,
            CreatedAt: now)
        {
            Kind = AlertCardKind.Coverage,
            Tables = tables,
            Link = dashboardUrl is { Length: > 0 } url ? $"{url.TrimEnd('/')}/upstream?date={day}" : null,
        };
    }

    private static string Summary(CoverageChange change)
    {
        var parts = new List<string>();
        var categories = change.Categories.Count(c => c.Section != SummarySection);
        if (categories > 0)
        {
            parts.Add($"{categories} categor{(categories == 1 ? "y" : "ies")} changed");
        }

        if (change.NewGaps.Count > 0)
        {
            parts.Add($"{change.NewGaps.Count} test file(s) became NVIDIA-only");
        }

        if (change.ClosedGaps.Count > 0)
        {
            parts.Add($"{change.ClosedGaps.Count} left the NVIDIA-only list");
        }

        return parts.Count == 0 ? "Total coverage changed." : string.Join("; ", parts) + ".";
    }

    private static void AddFiles(List<AlertTable> tables, string heading, IReadOnlyList<CoverageGapFile> files)
    {
        if (files.Count == 0)
        {
            return;
        }

        var rows = files.Take(MaxFilesListed).Select(f => (IReadOnlyList<string>)[f.Category, f.File]).ToList();
        if (files.Count > MaxFilesListed)
        {
            rows.Add(["…", $"{files.Count - MaxFilesListed} more on the Upstream CI page"]);
        }

        tables.Add(new AlertTable(heading, ["Category", "File"], rows));
    }

    /// <summary>A coverage figure as the card and the job's check write it: "57 %", "127.3 %", or "n/a".</summary>
    public static string Percent(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " %" : "n/a";

    private static string Points(double? value) => value is { } v ? v.ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture) + " points" : "n/a";

    private static string Count(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "–";
}
