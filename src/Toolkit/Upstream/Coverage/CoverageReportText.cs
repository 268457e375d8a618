using System.Globalization;
using System.Text;

namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// The comparison as a plain-text table for a terminal (the CLI's default output), plus the small phrases the markdown
/// shares with it: where the numbers come from, and durations.
/// </summary>
public static class CoverageReportText
{
    public static string Write(CoverageComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var rows = new List<string[]> { new[] { "Category", "NVIDIA", "AMD", "Both", "NVIDIA only", "AMD only", "Coverage", "NVIDIA est.", "AMD est." } };
        rows.AddRange(comparison.Categories.Select(c => new[]
        {
            c.Name, Number(c.NvidiaTests), Number(c.AmdTests), Number(c.CommonTests), Number(c.NvidiaOnly.Count), Number(c.AmdOnly.Count),
            CoverageCsvWriter.Percent(c.AmdTests, c.NvidiaTests), Duration(c.NvidiaEstimatedSeconds), Duration(c.AmdEstimatedSeconds),
        }));
        rows.AddRange(comparison.Additional.Select(a => new[]
        {
            a.Name, Number(a.NvidiaTests), Number(a.AmdTests), "", "", "", CoverageCsvWriter.Percent(a.AmdTests, a.NvidiaTests), "", "",
        }));
        var totalsStart = rows.Count;
        rows.AddRange(new[] { comparison.PerPr, comparison.Nightly, comparison.Total }.Select(t => new[]
        {
            t.Name, Number(t.NvidiaTests), Number(t.AmdTests), "", "", "", CoverageCsvWriter.Percent(t.AmdTests, t.NvidiaTests),
            Duration(t.NvidiaEstimatedSeconds), Duration(t.AmdEstimatedSeconds),
        }));
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Describe(comparison)}\n\n");
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            if (index == totalsStart)
            {
                text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
            }

            var cells = row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]));
            text.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
        }

        var excluded = comparison.Categories.Sum(c => c.ExcludedIncompatible.Count);
        text.Append(CultureInfo.InvariantCulture,
            $"\n{excluded} NVIDIA tests left out as AMD-incompatible, {comparison.Disabled.Count} disabled registrations, {comparison.NotCompared.Count} suites not compared, {comparison.Warnings.Count} warnings.\n");
        foreach (var warning in comparison.Warnings)
        {
            text.Append(CultureInfo.InvariantCulture, $"warning: {warning}\n");
        }

        return text.ToString();
    }

    /// <summary>One line: checkout, commit, layouts read, and whether the incompatible list was applied.</summary>
    public static string Describe(CoverageComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var layouts = string.Join(" + ", comparison.Layouts.Select(l => l == RegistryLayout.SuiteDictionary
            ? SuiteDictionaryReader.RelativePath
            : RegistrationCallReader.RelativeFolder + "/**/*.py"));
        var incompatible = comparison.IncludesIncompatible ? "included" : "excluded (as the old reports)";
        return $"Checkout {comparison.Repository} at {comparison.Commit ?? "(not a git checkout)"}; read {layouts}; AMD-incompatible NVIDIA tests {incompatible}.";
    }

    /// <summary>Seconds as <c>1h 02m</c>, <c>5m 30s</c> or <c>45s</c>.</summary>
    public static string Duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Round(seconds));
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes:00}m"
            : span.TotalMinutes >= 1 ? $"{span.Minutes}m {span.Seconds:00}s"
            : $"{span.Seconds}s";
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
