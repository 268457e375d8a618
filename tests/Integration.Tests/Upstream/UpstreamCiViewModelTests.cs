using SglangCi.Interfaces.Upstream;
using SglangCi.Web.ViewModels.Upstream;

namespace SglangCi.Integration.Tests.Upstream;

/// <summary>
/// The Upstream CI page's shaping: the short trend counts back from the newest report (the history may have stopped long
/// ago), coverage over 100 % is shown as stated and fills the doughnut, the bars leave out the summary rows, and gaps are
/// grouped by category with their summed estimate.
/// </summary>
public sealed class UpstreamCiViewModelTests
{
    [Fact]
    public void The_short_trend_counts_back_from_the_newest_report_not_from_today()
    {
        var newest = new DateOnly(2025, 12, 9);
        var model = new UpstreamCiViewModel([Totals(newest.AddDays(-40), 50), Totals(newest.AddDays(-29), 55), Totals(newest, 57), Totals(newest.AddDays(1), null)], null);

        Assert.Equal([newest.AddDays(-29), newest], model.Recent.Select(p => DateOnly.FromDateTime(p.Date)));
        Assert.Equal(3, model.AllTime.Count);
    }

    [Fact]
    public void Coverage_over_a_hundred_percent_reads_as_stated_and_fills_the_doughnut()
    {
        var report = Report(amd: 14, nvidia: 11, percent: 127.27, [], []);
        var model = new UpstreamCiViewModel([Totals(report.ReportDate, 127.27)], report);

        Assert.Equal("127.3 %", UpstreamCiViewModel.Percent(report.CoveragePercent));
        Assert.Equal([new CoverageSlice("Covered on AMD", 11), new CoverageSlice("NVIDIA only", 0)], model.Doughnut);
        Assert.True(model.IsLatest);
    }

    [Fact]
    public void The_bars_leave_out_the_summary_rows_and_gaps_group_by_category()
    {
        var report = Report(90, 158, 57,
            [
                new CoverageCategoryCount(UpstreamCiViewModel.SummarySection, "Per-PR CI (total test count)", 76, 147, 52),
                new CoverageCategoryCount("Per-PR CI Tests", "unit-test-backend-1-gpu", 60, 105, 57),
                new CoverageCategoryCount(null, "unit-test-frontend", 0, 0, null),
            ],
            [new("b", "srt/test_z.py", 10), new("a", "srt/test_y.py", null), new("b", "srt/test_x.py", 5)]);
        var model = new UpstreamCiViewModel([], report);

        Assert.Equal([new CategoryCount("per-PR 1-gpu", 60), new CategoryCount("unit-test-frontend", 0)], model.AmdBars);
        Assert.Equal(["b", "a"], model.GapGroups.Select(g => g.Category));
        Assert.Equal(["srt/test_x.py", "srt/test_z.py"], model.GapGroups[0].Files.Select(f => f.File));
        Assert.Equal(15, model.GapGroups[0].EstimatedSeconds);
        Assert.Null(model.GapGroups[1].EstimatedSeconds);

        // A computed report's doughnut counts its gap list: AMD's 90 include tests NVIDIA does not run.
        Assert.Equal([new CoverageSlice("Covered on AMD", 155), new CoverageSlice("NVIDIA only", 3)], model.Doughnut);
        var imported = new UpstreamCiViewModel([], report with { Origin = CoverageOrigin.Imported, Gaps = [] });
        Assert.Equal([new CoverageSlice("Covered on AMD (from totals)", 90), new CoverageSlice("NVIDIA only (from totals)", 68)], imported.Doughnut);
    }

    private static CoverageReportTotals Totals(DateOnly date, double? percent) => new(date, CoverageOrigin.Imported, null, 1, 2, percent, 0);

    private static CoverageReportRecord Report(int amd, int nvidia, double percent, IReadOnlyList<CoverageCategoryCount> categories, IReadOnlyList<CoverageGapFile> gaps) =>
        new(new DateOnly(2025, 12, 9), CoverageOrigin.Computed, "abc", amd, nvidia, percent, "sglang/test", null, categories, gaps);
}
