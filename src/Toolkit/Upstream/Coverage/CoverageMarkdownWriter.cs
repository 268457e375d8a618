using System.Globalization;
using System.Text;

namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// The comparison as markdown, continuing the old <c>compare_suites.py --details</c> file: per category a
/// Total/Common/Only-NVIDIA/Only-AMD table and the file lists side by side, preceded by the summary and followed by
/// what was excluded, disabled, not compared, or not readable.
/// </summary>
public static class CoverageMarkdownWriter
{
    public static string Write(CoverageComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var md = new StringBuilder();
        md.Append("# SGLang upstream CI coverage: AMD vs NVIDIA\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{CoverageReportText.Describe(comparison)}\n\n");
        md.Append("| Category | AMD # of Tests | Nvidia # of Tests | AMD Coverage (%) | AMD est. CI time | NVIDIA est. CI time |\n");
        md.Append("| --- | --- | --- | --- | --- | --- |\n");
        foreach (var c in comparison.Categories)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {c.Name} | {c.AmdTests} | {c.NvidiaTests} | {CoverageCsvWriter.Percent(c.AmdTests, c.NvidiaTests)} | {CoverageReportText.Duration(c.AmdEstimatedSeconds)} | {CoverageReportText.Duration(c.NvidiaEstimatedSeconds)} |\n");
        }

        foreach (var a in comparison.Additional)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {a.Name} | {a.AmdTests} | {a.NvidiaTests} | {CoverageCsvWriter.Percent(a.AmdTests, a.NvidiaTests)} | – | – |\n");
        }

        foreach (var t in new[] { comparison.PerPr, comparison.Nightly, comparison.Total })
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| **{t.Name}** | {t.AmdTests} | {t.NvidiaTests} | {CoverageCsvWriter.Percent(t.AmdTests, t.NvidiaTests)} | {CoverageReportText.Duration(t.AmdEstimatedSeconds)} | {CoverageReportText.Duration(t.NvidiaEstimatedSeconds)} |\n");
        }

        foreach (var c in comparison.Categories.Where(c => c.NvidiaTests + c.AmdTests + c.ExcludedIncompatible.Count > 0))
        {
            AppendCategory(md, c);
        }

        AppendList(md, "How the additional categories are counted", comparison.Additional.Select(a => $"`{a.Name}`: {a.Basis}"));
        AppendList(md, "Disabled registrations (not counted)", comparison.Disabled.Select(d => $"`{d.File}` ({d.Suite}): {d.DisabledReason}"));
        AppendList(md, "Suites not compared", comparison.NotCompared.Select(n => $"`{n.Suite}` (test files: {n.Tests}): {n.Reason}"));
        AppendList(md, "Warnings", comparison.Warnings.Select(w => $"`{w.File}:{w.Line}` {w.Message}"));
        return md.ToString();
    }

    private static void AppendCategory(StringBuilder md, CoverageCategory c)
    {
        md.Append(CultureInfo.InvariantCulture,
            $"\n## {c.Name}: {Suites(c.NvidiaSuites)} (NVIDIA) vs {Suites(c.AmdSuites)} (AMD)\n");
        md.Append("| Suite | Total | Common | Only in NVIDIA | Only in AMD |\n| --- | --- | --- | --- | --- |\n");
        md.Append(CultureInfo.InvariantCulture, $"| {c.Name} | {c.NvidiaTests} vs {c.AmdTests} | {c.CommonTests} | {c.NvidiaOnly.Count} | {c.AmdOnly.Count} |\n\n");
        md.Append("| Common | Only in NVIDIA | Only in AMD |\n| --- | --- | --- |\n");
        md.Append(CultureInfo.InvariantCulture,
            $"| {Cell(c.Common)} | {Cell(c.NvidiaOnly.Select(f => f.File))} | {Cell(c.AmdOnly.Select(f => f.File))} |\n");
        if (c.ExcludedIncompatible.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"\nNVIDIA tests left out as AMD-incompatible: {string.Join(", ", c.ExcludedIncompatible.Select(f => $"`{f.File}`"))}\n");
        }
    }

    private static void AppendList(StringBuilder md, string title, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        md.Append(CultureInfo.InvariantCulture, $"\n## {title}\n\n");
        foreach (var item in list)
        {
            md.Append(CultureInfo.InvariantCulture, $"- {item.Replace("|", "\\|", StringComparison.Ordinal)}\n");
        }
    }

    private static string Suites(IReadOnlyList<string> suites) => suites.Count == 0 ? "none" : string.Join(", ", suites);

    private static string Cell(IEnumerable<string> files) => string.Join("<br>", files);
}
