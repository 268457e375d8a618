using System.Globalization;
using SglangCi.Toolkit.History.Coverage;

namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// Writes the comparison in exactly the layout of the newest old reports (<c>sglang_ci_report_20251209.csv</c>, seed
/// inventory §2.11): header, blank line, <c># CI Category Summary</c>, <c># Detailed Breakdown</c> with
/// <c>## Per-PR CI Tests</c> and <c>## Additional Test Categories</c>, and the <c>Total</c> line with no newline after it,
/// so new files sit beside the old ones and <see cref="CoverageReportParser"/> reads both.
/// </summary>
public static class CoverageCsvWriter
{
    public static string Write(CoverageComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var lines = new List<string>
        {
            CoverageReportParser.Header,
            "",
            "# CI Category Summary",
            Row($"{CoverageSubtotal.PerPr} (total test count)", comparison.PerPr.AmdTests, comparison.PerPr.NvidiaTests),
            Row($"{CoverageSubtotal.Nightly} (total test count)", comparison.Nightly.AmdTests, comparison.Nightly.NvidiaTests),
            // The old tool repeated Per-PR as Per-Commit; readers look rows up by name, so keep it.
            Row("Per-Commit CI (total test count)", comparison.PerPr.AmdTests, comparison.PerPr.NvidiaTests),
            "",
            "# Detailed Breakdown",
        };
        lines.Add("## " + CoverageCategory.PerPrSection);
        lines.AddRange(comparison.Categories.Where(c => !c.Nightly).Select(c => Row(c.Name, c.AmdTests, c.NvidiaTests)));
        lines.Add("");
        // The old rows only: per-GPU nightly categories are detail (JSON/markdown/text), nightly-models-test stands here.
        lines.Add("## " + CoverageCategory.AdditionalSection);
        lines.AddRange(comparison.Additional.Select(a => Row(a.Name, a.AmdTests, a.NvidiaTests)));
        lines.Add("");

        lines.Add(Row(CoverageSubtotal.Total, comparison.Total.AmdTests, comparison.Total.NvidiaTests));
        return string.Join('\n', lines);
    }

    private static string Row(string category, int amd, int nvidia) =>
        string.Create(CultureInfo.InvariantCulture, $"{category},{amd},{nvidia},{Percent(amd, nvidia)}");

    /// <summary>As the old files: <c>57%</c>, or <c>N/A</c> without NVIDIA tests.</summary>
    public static string Percent(int amd, int nvidia) =>
        CoveragePercent.Of(amd, nvidia) is { } p ? p.ToString(CultureInfo.InvariantCulture) + "%" : "N/A";
}
