using SglangCi.Grains.Upstream;
using SglangCi.Interfaces.Upstream;
using SglangCi.Toolkit.History;
using SglangCi.Toolkit.History.Coverage;

namespace SglangCi.Grains.Tests.Upstream;

/// <summary>
/// What a newly recorded coverage report changed against the one before it: the totals, the categories whose counts moved
/// (new and dropped ones with a null side), and the files that entered or left the gap list — the latter only between two
/// computed reports, since imported ones never kept file lists.
/// </summary>
public sealed class CoverageChangesTests
{
    private static readonly DateOnly Day1 = new(2026, 11, 30);
    private static readonly DateOnly Day2 = new(2026, 12, 1);

    [Fact]
    public void The_first_report_is_all_new_with_nothing_before()
    {
        var change = CoverageChanges.Between(null, Computed(Day1, 60, 100, [Category("a", 1, 2)], [Gap("a", "srt/test_a.py")]));

        Assert.Null(change.PreviousDate);
        Assert.Null(change.PercentBefore);
        Assert.Equal(60, change.PercentAfter);
        Assert.Null(change.PercentPointsChange);
        Assert.Empty(change.Categories);
        Assert.False(change.GapListsCompared);
        Assert.Empty(change.NewGaps);
        Assert.True(change.HasChanges);
    }

    [Fact]
    public void Totals_categories_and_gaps_that_moved_are_reported_and_the_rest_is_not()
    {
        var before = Computed(Day1, 50, 100,
            [Category("unit-1-gpu", 50, 90), Category("unit-2-gpu", 3, 10), Category("frontend", 0, 0)],
            [Gap("unit-1-gpu", "srt/test_fa3.py", 120), Gap("unit-2-gpu", "srt/test_dp.py", 300)]);
        var after = Computed(Day2, 52.5, 101,
            [Category("unit-1-gpu", 51, 91), Category("unit-2-gpu", 3, 10), Category("perf-1-gpu", 4, 8)],
            [Gap("unit-2-gpu", "srt/test_dp.py", 300), Gap("perf-1-gpu", "perf/test_bench.py", 60)]);

        var change = CoverageChanges.Between(before, after);

        Assert.Equal(Day1, change.PreviousDate);
        Assert.Equal(2.5, change.PercentPointsChange);
        Assert.Equal((100, 101), (change.NvidiaTotalBefore, change.NvidiaTotalAfter));
        Assert.Equal(
            [
                new CoverageCategoryChange("Per-PR CI Tests", "unit-1-gpu", 50, 51, 90, 91),
                new CoverageCategoryChange("Per-PR CI Tests", "perf-1-gpu", null, 4, null, 8),
                new CoverageCategoryChange("Per-PR CI Tests", "frontend", 0, null, 0, null),
            ],
            change.Categories);
        Assert.True(change.GapListsCompared);
        Assert.Equal([Gap("perf-1-gpu", "perf/test_bench.py", 60)], change.NewGaps);
        Assert.Equal([Gap("unit-1-gpu", "srt/test_fa3.py", 120)], change.ClosedGaps);
        Assert.True(change.HasChanges);
    }

    [Fact]
    public void The_same_report_again_changes_nothing()
    {
        var report = Computed(Day2, 57, 158, [Category("unit-1-gpu", 60, 105)], [Gap("unit-1-gpu", "srt/test_a.py")]);

        var change = CoverageChanges.Between(report, report with { RecordedAt = report.RecordedAt!.Value.AddHours(1) });

        Assert.False(change.HasChanges);
        Assert.Equal(0, change.PercentPointsChange);
    }

    [Fact]
    public void Against_an_imported_report_the_gap_lists_are_not_compared()
    {
        var imported = Computed(Day1, 57, 158, [Category("unit-1-gpu", 60, 105)], []) with { Origin = CoverageOrigin.Imported, Commit = null };
        var computed = Computed(Day2, 57, 158, [Category("unit-1-gpu", 60, 105)], [Gap("unit-1-gpu", "srt/test_a.py")]);

        var change = CoverageChanges.Between(imported, computed);

        Assert.False(change.GapListsCompared);
        Assert.Empty(change.NewGaps);
        Assert.Empty(change.ClosedGaps);
        Assert.False(change.HasChanges);
    }

    [Fact]
    public void Categories_match_by_section_too_so_a_summary_row_is_not_taken_for_a_breakdown_row()
    {
        var before = Computed(Day1, 50, 100, [Category("x", 1, 2) with { Section = "CI Category Summary" }], []);
        var after = Computed(Day2, 50, 100, [Category("x", 1, 2) with { Section = null }], []);

        var change = CoverageChanges.Between(before, after);

        Assert.Equal(2, change.Categories.Count);
        Assert.Contains(change.Categories, c => c.Section is null && c.AmdBefore is null);
        Assert.Contains(change.Categories, c => c.Section == "CI Category Summary" && c.AmdAfter is null);
    }

    [Fact]
    public void A_checkout_count_becomes_a_computed_record_with_its_gaps_and_commit()
    {
        var source = new SourceRef("sglang@abc123/test", 0);
        var report = new CoverageReport(source, Day2,
            [new CoverageRow("Per-PR CI Tests", "unit-1-gpu", 60, 105, 57, source)], new CoverageTotal(90, 158, 57, source));
        var at = new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

        var record = CoverageReportRecords.Computed(report, [new CoverageGap("unit-1-gpu", "srt/test_a.py", 42)], "/src/sglang", "abc123", at);

        Assert.Equal((CoverageOrigin.Computed, "/src/sglang"), (record.Origin, record.SourcePath));
        Assert.True(record.HasGapList);
        Assert.Equal(("abc123", 90, 158, 57.0, at), (record.Commit, record.AmdTotal!.Value, record.NvidiaTotal!.Value, record.CoveragePercent!.Value, record.RecordedAt!.Value));
        Assert.Equal(new CoverageCategoryCount("Per-PR CI Tests", "unit-1-gpu", 60, 105, 57), Assert.Single(record.Categories));
        Assert.Equal(Gap("unit-1-gpu", "srt/test_a.py", 42), Assert.Single(record.Gaps));
    }

    [Fact]
    public void A_report_that_would_break_the_tables_keys_is_refused_before_anything_is_written()
    {
        var twice = Computed(Day1, 50, 100, [], [Gap("a", "srt/test_a.py"), Gap("a", "srt/test_a.py")]);
        var importedWithGaps = twice with { Origin = CoverageOrigin.Imported, Gaps = [Gap("a", "srt/test_a.py")] };

        Assert.Contains("listed twice", Assert.Throws<ArgumentException>(() => CoverageReportValidation.ThrowIfInvalid(twice)).Message);
        Assert.Contains("no gap list", Assert.Throws<ArgumentException>(() => CoverageReportValidation.ThrowIfInvalid(importedWithGaps)).Message);
    }

    private static CoverageReportRecord Computed(DateOnly date, double percent, int nvidia, IReadOnlyList<CoverageCategoryCount> categories, IReadOnlyList<CoverageGapFile> gaps) =>
        new(date, CoverageOrigin.Computed, "0123456789abcdef", (int)(nvidia * percent / 100), nvidia, percent, "sglang/test",
            new DateTimeOffset(date.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero), categories, gaps);

    private static CoverageCategoryCount Category(string name, int amd, int nvidia) =>
        new("Per-PR CI Tests", name, amd, nvidia, nvidia == 0 ? null : 100.0 * amd / nvidia);

    private static CoverageGapFile Gap(string category, string file, double? seconds = null) => new(category, file, seconds);
}
