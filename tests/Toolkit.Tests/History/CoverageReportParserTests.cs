using SglangCi.Toolkit.History.Coverage;
using SglangCi.Toolkit.Parsing;

namespace SglangCi.Toolkit.Tests.History;

public sealed class CoverageReportParserTests
{
    private const string Root = "upstream_ci/ci_report";

    private static CoverageReport Parse(string relativePath) =>
        CoverageReportParser.Parse(HistorySeed.Text(relativePath), relativePath, DateFromName(relativePath));

    private static DateOnly DateFromName(string relativePath) =>
        DateOnly.ParseExact(Path.GetFileNameWithoutExtension(relativePath)["sglang_ci_report_".Length..], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Sectioned_report_with_na_cell()
    {
        const string file = Root + "/sglang_ci_report_20251209.csv";
        var r = Parse(file);
        Assert.Equal(new DateOnly(2025, 12, 9), r.ReportDate);
        Assert.Equal(new CoverageRow("CI Category Summary", "Per-PR CI (total test count)", 76, 147, 52, new(file, 4)), r.Rows[0]);
        Assert.Equal(new CoverageRow("CI Category Summary", "Nightly/Periodic CI (total test count)", 14, 11, 127, new(file, 5)), r.Rows[1]);
        Assert.Equal(new CoverageRow("Per-PR CI Tests", "unit-test-backend-8-gpu", 2, 1, 200, new(file, 13)), r.Rows.Single(x => x.Category == "unit-test-backend-8-gpu"));
        Assert.Equal(new CoverageRow("Additional Test Categories", "unit-test-frontend", 0, 0, null, new(file, 17)), r.Rows.Single(x => x.Category == "unit-test-frontend")); // N/A
        Assert.Equal(13, r.Rows.Count);
        Assert.Equal(new CoverageTotal(90, 158, 57, new(file, 23)), r.Total); // last line: Total,90,158,57%
    }

    [Fact]
    public void Oldest_report_has_no_sections()
    {
        const string file = Root + "/sglang_ci_report_20250916.csv";
        var r = Parse(file);
        Assert.All(r.Rows, x => Assert.Null(x.Section));
        Assert.Equal(10, r.Rows.Count);
        Assert.Equal(new CoverageRow(null, "unit-test-frontend", 0, 1, 0, new(file, 7)), r.Rows[5]); // 0% is a number, not N/A
        Assert.Equal(new CoverageTotal(105, 159, 66, new(file, 12)), r.Total);
    }

    [Fact]
    public void Every_seed_coverage_csv_parses()
    {
        var files = HistorySeed.Files(Root, n => n.EndsWith(".csv", StringComparison.Ordinal));
        Assert.Equal(30, files.Count);
        foreach (var file in files)
        {
            var r = Parse(file);
            Assert.NotNull(r.Total);
            Assert.Contains(r.Rows, x => x.Category == "unit-test-backend-1-gpu");
            Assert.All(r.Rows, x => Assert.True(x.CoveragePercent is not null || x.NvidiaTests == 0, $"{x.Source}: N/A with NVIDIA tests"));
            var detail = r.Rows.Where(x => x.Section != "CI Category Summary").ToList();
            Assert.Equal(r.Total!.AmdTotal, detail.Sum(x => x.AmdTests)); // the total is the breakdown's sum, never the summary's
            Assert.Equal(r.Total.NvidiaTotal, detail.Sum(x => x.NvidiaTests));
        }
    }

    [Fact]
    public void Malformed_inputs_name_file_and_line()
    {
        var noHeader = Assert.Throws<OutputParseException>(() => CoverageReportParser.Parse("a,1,2,3%\n", "c.csv", new DateOnly(2025, 1, 1)));
        Assert.Equal(("c.csv", 1), (noHeader.File, noHeader.Line));
        var badCount = Assert.Throws<OutputParseException>(() => CoverageReportParser.Parse(CoverageReportParser.Header + "\n\nx,1,many,3%\n", "c.csv", new DateOnly(2025, 1, 1)));
        Assert.Equal(3, badCount.Line);
        Assert.Equal("c.csv:3: expected a whole-number test count, found 'many'", badCount.Message);
        var badPercent = Assert.Throws<OutputParseException>(() => CoverageReportParser.Parse(CoverageReportParser.Header + "\nx,1,2,half\n", "c.csv", new DateOnly(2025, 1, 1)));
        Assert.Equal(2, badPercent.Line);
    }
}
