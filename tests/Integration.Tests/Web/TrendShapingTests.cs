using SglangCi.Interfaces.History;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Web.ViewModels;

namespace SglangCi.Integration.Tests.Web;

/// <summary>How the trends page reads its query string, fills defaults from the series that exist, and shapes nights into lines and rows.</summary>
public sealed class TrendShapingTests
{
    private static readonly DateOnly Dec1 = new(2025, 12, 1);

    private static readonly TrendSeries[] Series =
    [
        new("mi30x", "host-a", "GROK1", "online", LoadKind.Rate, 1, 10, Dec1, Dec1.AddDays(20)),
        new("mi30x", "host-a", "GROK1", "online", LoadKind.Rate, 4, 12, Dec1, Dec1.AddDays(20)),
        new("mi30x", "host-b", "GROK1", "online", LoadKind.Rate, 4, 3, Dec1, Dec1.AddDays(5)),
        new("mi30x", "host-a", "GROK1", "online_dp_attention", LoadKind.Rate, 1, 2, Dec1, Dec1.AddDays(1)),
        new("mi35x", "host-c", "DeepSeek-V3-0324", "online_mtp_test", LoadKind.Concurrency, 16, 4, Dec1, Dec1.AddDays(3)),
    ];

    [Fact]
    public void Query_string_round_trips()
    {
        var selection = TrendSelection.Parse("mi30x", "GROK1", "online", "host a", "4", "ttft");
        Assert.Equal("trends?hw=mi30x&model=GROK1&mode=online&host=host%20a&load=4&metric=ttft", selection.Href);
        Assert.Equal(selection, TrendSelection.Parse("mi30x", "GROK1", "online", "host a", "4", "ttft"));
        var all = TrendSelection.Parse("mi30x", "GROK1", "online", null, "all", "nonsense");
        Assert.True(all.AllLoads);
        Assert.Equal("e2e", all.Metric);
        Assert.Equal("trends.csv?hw=mi30x&model=GROK1&mode=online&load=all&metric=e2e", all.CsvHref);
    }

    [Fact]
    public void Defaults_come_from_the_series_preferring_online_and_the_load_with_most_nights()
    {
        var resolved = TrendSelection.None.Resolve(Series)!;
        Assert.Equal(("mi30x", "GROK1", "online", (string?)null), (resolved.Hardware, resolved.Model, resolved.Mode, resolved.Host));
        Assert.Equal(4, resolved.Load); // 12 + 3 nights over both hosts beat 10
        Assert.Null(new TrendSelection(null, null, null, null, null, false, "e2e").Resolve([]));
    }

    [Fact]
    public void Unknown_values_fall_back_level_by_level_and_a_known_host_narrows_the_loads()
    {
        var resolved = TrendSelection.Parse("MI35X", "nope", null, "host-a", "1", null).Resolve(Series)!;
        Assert.Equal(("mi35x", "DeepSeek-V3-0324", "online_mtp_test", (string?)null, (double?)16),
            (resolved.Hardware, resolved.Model, resolved.Mode, resolved.Host, resolved.Load));

        var hostB = TrendSelection.Parse("mi30x", "GROK1", "online", "host-b", "1", null).Resolve(Series)!;
        Assert.Equal("host-b", hostB.Host);
        Assert.Equal(4, hostB.Load); // host-b has no load 1
    }

    [Fact]
    public void One_load_point_gives_a_line_per_host_and_rows_flag_a_new_release()
    {
        var selection = TrendSelection.Parse("mi30x", "GROK1", "online", null, "4", "tput").Resolve(Series)!;
        var points = new[]
        {
            Point("host-a", Dec1, 4, "v0.5.5.post3-rocm700-mi30x-20251201", tput: 100),
            Point("host-a", Dec1, 1, "v0.5.5.post3-rocm700-mi30x-20251201", tput: 50),
            Point("host-b", Dec1, 4, "v0.5.5.post3-rocm700-mi30x-20251201", tput: 90),
            Point("host-a", Dec1.AddDays(1), 4, "v0.5.5.post3-rocm700-mi30x-20251202", tput: null, origin: "csv"),
            Point("host-a", Dec1.AddDays(2), 4, "v0.5.6-rocm700-mi30x-20251203", tput: 120),
        };

        var model = TrendsViewModel.Shape(Series, selection, TrendMetric.Find("tput"), points);

        Assert.Equal(["host-a", "host-b"], model.Lines.Select(l => l.Title));
        // The csv night has no throughput: it is a table row without a value and no point on the line.
        Assert.Equal([100.0, 120.0], model.Lines[0].Values.Select(v => v.Value));
        Assert.Equal(4, model.Rows.Count);
        Assert.Equal(1, model.MissingValues);
        Assert.Equal([false, false, false, true], model.Rows.Select(r => r.NewRelease));
    }

    [Fact]
    public void All_load_points_of_one_host_give_a_line_per_load()
    {
        var selection = TrendSelection.Parse("mi30x", "GROK1", "online", "host-a", "all", "e2e").Resolve(Series)!;
        var points = new[]
        {
            Point("host-a", Dec1, 1, "img-20251201", tput: 1),
            Point("host-a", Dec1, 4, "img-20251201", tput: 1),
            Point("host-a", Dec1.AddDays(1), 4, "img-20251202", tput: 1),
        };

        var model = TrendsViewModel.Shape(Series, selection, TrendMetric.E2e, points);

        Assert.Equal(["1 req/s", "4 req/s"], model.Lines.Select(l => l.Title));
        Assert.Equal(3, model.Rows.Count);
    }

    [Fact]
    public void Csv_has_a_header_and_a_row_per_night_with_empty_cells_for_no_value()
    {
        var selection = TrendSelection.Parse("mi30x", "GROK1", "online", null, "4", "e2e");
        var rows = new[] { new TrendRow(Point("host,a", Dec1, 4, "img", tput: null), 1, false) };

        var lines = TrendCsv.Write(selection, rows).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(TrendCsv.Header, lines[0]);
        Assert.Equal("2025-12-01,mi30x,GROK1,online,\"host,a\",rate,4,client-log,1000,100,10,,,,img,run-1", lines[1]);
        Assert.Equal("trend-mi30x-GROK1-online-all-hosts.csv", TrendCsv.FileName(selection));
    }

    [Theory]
    [InlineData("rocm/sgl-dev:v0.5.6-rocm700-mi30x-20251206", "v0.5.6-rocm700")]
    [InlineData("rocm/sgl-dev:v0.5.5.post3-rocm700-mi35x-20251118", "v0.5.5.post3-rocm700")]
    [InlineData("lmsysorg/sglang:v0.5.6", "v0.5.6")]
    [InlineData(null, null)]
    public void Image_release_drops_the_nightly_suffix(string? image, string? release) =>
        Assert.Equal(release, ImageTags.Release(image));

    [Fact]
    public void Summary_series_takes_the_most_trusted_source_per_load()
    {
        var series = LoadSeriesPoint.FromSummary(
        [
            new SummaryPoint("cron-log", LoadKind.Rate, 1, 999, 9, 9, "cron.log", 3),
            new SummaryPoint("csv", LoadKind.Rate, 1, 100, 10, 1, "a.csv", 2),
            new SummaryPoint("timing-summary", LoadKind.Rate, 2, 200, 20, 2, "t.log", 7),
        ]);

        Assert.Equal([(1.0, (double?)100), (2.0, 200)], series.Select(p => (p.Load, p.E2eMedianMs)));
        Assert.All(series, p => Assert.Null(p.OutputThroughput));
    }

    private static TrendPoint Point(string host, DateOnly date, double load, string image, double? tput, string origin = "client-log") =>
        new(host, date, image, LoadKind.Rate, load, origin, "run-1", 1000, 100, 10, null, tput, null);
}
