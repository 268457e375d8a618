using SglangCi.Toolkit.History.Coverage;
using SglangCi.Toolkit.Upstream.Coverage;

namespace SglangCi.Toolkit.Tests.Upstream;

/// <summary>
/// Proves the summing rule on the real old reports, then holds the computed CSV to the same rule, so history is
/// continuous by construction rather than by assumption.
/// </summary>
public sealed class OldReportRulesTests
{
    private const string PerPr = "Per-PR CI (total test count)";
    private const string NightlySummary = "Nightly/Periodic CI (total test count)";
    private const string PerCommit = "Per-Commit CI (total test count)";

    /// <summary>
    /// Per-PR = the four unit-test-backend rows + every additional row but nightly-models-test; Nightly = that row;
    /// Per-Commit = Per-PR; Total = Per-PR + Nightly (AMD and NVIDIA alike).
    /// </summary>
    private static void AssertOldRule(CoverageReport report)
    {
        int Amd(string name) => Assert.Single(report.Rows, r => r.Category == name).AmdTests;
        int Nvidia(string name) => Assert.Single(report.Rows, r => r.Category == name).NvidiaTests;
        var parts = report.Rows.Where(r => r.Section is CoverageCategory.PerPrSection or CoverageCategory.AdditionalSection && r.Category != NightlyModelCounter.Name).ToList();
        Assert.Equal(4, parts.Count(r => r.Category.StartsWith("unit-test-backend-", StringComparison.Ordinal)));
        Assert.Equal((parts.Sum(r => r.AmdTests), parts.Sum(r => r.NvidiaTests)), (Amd(PerPr), Nvidia(PerPr)));
        Assert.Equal((Amd(NightlyModelCounter.Name), Nvidia(NightlyModelCounter.Name)), (Amd(NightlySummary), Nvidia(NightlySummary)));
        Assert.Equal((Amd(PerPr), Nvidia(PerPr)), (Amd(PerCommit), Nvidia(PerCommit)));
        Assert.Equal((Amd(PerPr) + Amd(NightlySummary), Nvidia(PerPr) + Nvidia(NightlySummary)), (report.Total!.AmdTotal, report.Total.NvidiaTotal));
    }

    [Theory]
    [InlineData("20251125")]
    [InlineData("20251127")]
    [InlineData("20251208")]
    [InlineData("20251209")]
    public void Real_sectioned_reports_sum_per_pr_from_backend_and_non_nightly_additional_rows(string day)
    {
        var path = $"upstream_ci/ci_report/sglang_ci_report_{day}.csv";
        var report = CoverageReportParser.Parse(File.ReadAllText(TestPaths.SeedFile(path)), path, DateOnly.ParseExact(day, "yyyyMMdd"));

        AssertOldRule(report);
        Assert.Equal(
            [NightlyModelCounter.Name, "unit-test-frontend", "performance-test-1-gpu", "performance-test-2-gpu", "accuracy-test-1-gpu", "accuracy-test-2-gpu"],
            report.Rows.Where(r => r.Section == CoverageCategory.AdditionalSection).Select(r => r.Category));
    }

    [Theory]
    [InlineData("20250916")]
    [InlineData("20251114")]
    [InlineData("20251120")]
    public void Real_flat_reports_total_every_row_including_nightly_models(string day)
    {
        var path = $"upstream_ci/ci_report/sglang_ci_report_{day}.csv";
        var report = CoverageReportParser.Parse(File.ReadAllText(TestPaths.SeedFile(path)), path, DateOnly.ParseExact(day, "yyyyMMdd"));

        Assert.Contains(report.Rows, r => r.Category == NightlyModelCounter.Name);
        Assert.Equal((report.Rows.Sum(r => r.AmdTests), report.Rows.Sum(r => r.NvidiaTests)), (report.Total!.AmdTotal, report.Total.NvidiaTotal));
    }

    [Fact]
    public void Computed_csv_follows_the_same_rule_and_keeps_the_old_row_names()
    {
        using var checkout = new TempCheckout().WithEraA().WithEraB().WithCiConfig();
        var comparison = CoverageAnalyzer.Analyze(checkout.Root);
        var report = CoverageHistory.ToReport(comparison, new DateOnly(2026, 12, 1));

        AssertOldRule(report);
        Assert.DoesNotContain(report.Rows, r => r.Category.StartsWith("nightly-", StringComparison.Ordinal) && r.Category != NightlyModelCounter.Name);
        Assert.Contains(comparison.Categories, c => c.Name == "nightly-8-gpu"); // per-GPU nightly detail is still there
    }
}
