using System.Text.Json;
using System.Text.RegularExpressions;
using SglangCi.Toolkit.History.Coverage;
using SglangCi.Toolkit.Upstream.Coverage;

namespace SglangCi.Toolkit.Tests.Upstream;

public sealed class CoverageWriterTests : IDisposable
{
    private readonly TempCheckout _checkout = new TempCheckout().WithEraA().WithCiConfig();

    public void Dispose() => _checkout.Dispose();

    private CoverageComparison Comparison => CoverageAnalyzer.Analyze(_checkout.Root);

    [Fact]
    public void Csv_has_the_old_layout_line_for_line_without_a_final_newline()
    {
        Assert.Equal(
            """
            Test Category,AMD # of Tests,Nvidia # of Tests,AMD Coverage (%)

            # CI Category Summary
            Per-PR CI (total test count),12,17,71%
            Nightly/Periodic CI (total test count),3,5,60%
            Per-Commit CI (total test count),12,17,71%

            # Detailed Breakdown
            ## Per-PR CI Tests
            unit-test-backend-1-gpu,4,4,100%
            unit-test-backend-2-gpu,1,2,50%
            unit-test-backend-4-gpu,0,2,0%
            unit-test-backend-8-gpu,1,1,100%

            ## Additional Test Categories
            nightly-models-test,3,5,60%
            unit-test-frontend,0,1,0%
            performance-test-1-gpu,3,4,75%
            performance-test-2-gpu,1,2,50%
            accuracy-test-1-gpu,1,1,100%
            accuracy-test-2-gpu,1,0,N/A

            Total,15,22,68%
            """,
            CoverageCsvWriter.Write(Comparison));
    }

    [Fact]
    public void Csv_shape_matches_the_newest_real_report()
    {
        var real = File.ReadAllText(TestPaths.SeedFile("upstream_ci/ci_report/sglang_ci_report_20251209.csv"));
        static IEnumerable<string> Shape(string csv) => csv.Split('\n').Select(l => l.Contains(',', StringComparison.Ordinal) && !l.StartsWith("Test Category", StringComparison.Ordinal) ? "row" : l).Distinct();

        Assert.Equal(Shape(real), Shape(CoverageCsvWriter.Write(Comparison)));
        Assert.False(real.EndsWith('\n'));
    }

    [Fact]
    public void History_report_is_the_csv_read_back_by_the_existing_parser()
    {
        var comparison = Comparison;
        var date = new DateOnly(2026, 12, 1);
        var report = CoverageHistory.ToReport(comparison, date);

        Assert.Equal("upstream_ci/ci_report/sglang_ci_report_20261201.csv", report.Source.Path);
        Assert.Equal(date, report.ReportDate);
        Assert.Equal((15, 22, 68d), (report.Total!.AmdTotal, report.Total.NvidiaTotal, report.Total.CoveragePercent!.Value));
        Assert.Equal(
            comparison.Categories.Where(c => !c.Nightly).Select(c => (c.Section, c.Name, c.AmdTests, c.NvidiaTests, (double?)c.CoveragePercent))
                .Concat(comparison.Additional.Select(a => (CoverageCategory.AdditionalSection, a.Name, a.AmdTests, a.NvidiaTests, (double?)a.CoveragePercent))),
            report.Rows.Where(r => r.Section != "CI Category Summary").Select(r => (r.Section!, r.Category, r.AmdTests, r.NvidiaTests, r.CoveragePercent)));
        var perPr = Assert.Single(report.Rows, r => r.Category == "Per-PR CI (total test count)");
        Assert.Equal(("CI Category Summary", 12, 17, 71d), (perPr.Section!, perPr.AmdTests, perPr.NvidiaTests, perPr.CoveragePercent!.Value));
        Assert.Equal(
            [
                new CoverageGap("unit-test-backend-1-gpu", "srt/test_only_nvidia.py", 60),
                new CoverageGap("unit-test-backend-2-gpu", "srt/test_dp_attention.py", 300),
                new CoverageGap("unit-test-backend-4-gpu", "srt/test_local_attn.py", 90),
                new CoverageGap("unit-test-backend-4-gpu", "srt/test_pp_single_node.py", 120),
                new CoverageGap("nightly-1-gpu", "srt/test_nightly_gsm8k_eval.py", 60),
            ],
            CoverageHistory.Gaps(comparison));
    }

    [Fact]
    public void Markdown_has_the_old_details_tables_per_category()
    {
        var md = CoverageMarkdownWriter.Write(Comparison);

        Assert.Contains("## unit-test-backend-1-gpu: per-commit-1-gpu (NVIDIA) vs per-commit-amd, per-commit-amd-mi35x (AMD)\n", md, StringComparison.Ordinal);
        Assert.Contains("| unit-test-backend-1-gpu | 4 vs 4 | 3 | 1 | 1 |\n", md, StringComparison.Ordinal);
        Assert.Contains("| srt/lora/test_lora.py<br>srt/test_abort.py<br>srt/test_metrics.py | srt/test_only_nvidia.py | srt/test_rope_rocm.py |\n", md, StringComparison.Ordinal);
        Assert.Contains("NVIDIA tests left out as AMD-incompatible: `srt/test_fa3.py`", md, StringComparison.Ordinal);
        Assert.Contains("| nightly-models-test | 3 | 5 | 60% | – | – |\n", md, StringComparison.Ordinal);
        Assert.Contains("| **Total** | 15 | 22 | 68% | 23m 20s | 23m 43s |", md, StringComparison.Ordinal); // estimates: per-commit rows only
        Assert.Contains("- `performance-test-2-gpu`: test commands in jobs performance-test-2-gpu (NVIDIA) vs bench-test-2-gpu-amd (AMD)\n", md, StringComparison.Ordinal);
        Assert.Contains("- `vllm_dependency_test` (test files: 1): era A", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_uses_stable_camel_case_fields()
    {
        using var json = JsonDocument.Parse(CoverageJsonWriter.Write(Comparison));
        var root = json.RootElement;

        Assert.Equal(["repository", "commit", "layouts", "includesIncompatible", "categories", "additional", "perPr", "nightly", "total", "disabled", "notCompared", "warnings"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("commit").ValueKind);
        Assert.Equal("suite-dictionary", root.GetProperty("layouts")[0].GetString());
        var first = root.GetProperty("categories")[0];
        Assert.Equal(["name", "section", "nightly", "gpuCount", "nvidiaTests", "amdTests", "commonTests", "coveragePercent", "nvidiaEstimatedSeconds",
            "amdEstimatedSeconds", "nvidiaSuites", "amdSuites", "nvidiaOnly", "amdOnly", "common", "excludedIncompatible"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(100, first.GetProperty("coveragePercent").GetInt32());
        Assert.Equal("srt/test_only_nvidia.py", first.GetProperty("nvidiaOnly")[0].GetProperty("file").GetString());
        Assert.Equal(68, root.GetProperty("total").GetProperty("coveragePercent").GetInt32());
        Assert.Equal("nightly-models-test", root.GetProperty("additional")[0].GetProperty("name").GetString());
        Assert.Equal("nvidia", root.GetProperty("notCompared")[0].GetProperty("platform").GetString());
    }

    [Fact]
    public void Text_table_lists_every_category_and_the_totals()
    {
        var text = Regex.Replace(CoverageReportText.Write(Comparison), " +", " ");

        Assert.Contains("\nunit-test-backend-1-gpu 4 4 3 1 1 100% 5m 43s 7m 00s\n", text, StringComparison.Ordinal);
        Assert.Contains("\nnightly-1-gpu 1 1 0 1 1 100% 1m 00s 1h 00m\n", text, StringComparison.Ordinal);
        Assert.Contains("\nperformance-test-1-gpu 4 3 75%\n", text, StringComparison.Ordinal);
        Assert.Contains("\nTotal 22 15 68% 23m 43s 23m 20s\n", text, StringComparison.Ordinal);
        Assert.Contains("2 NVIDIA tests left out", text, StringComparison.Ordinal);
    }
}
