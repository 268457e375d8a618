using SglangCi.Interfaces.History;
using SglangCi.Interfaces.Presets;
using SglangCi.Toolkit.Analysis;
using SglangCi.Web.Charts;

namespace SglangCi.Integration.Tests.Web;

/// <summary>From stored nights to the chart a card asks for: the load point, the window up to the marked night, hosts, band.</summary>
public sealed class SeriesChartBuilderTests
{
    private static readonly DateOnly First = new(2025, 11, 1);

    private static readonly SeriesChartRequest AllHosts = new("mi30x", "GROK1", "online", null, "e2e-median-ms", LoadKind.Concurrency, 16, First.AddDays(39), 10);

    [Fact]
    public void The_window_is_the_last_nights_of_the_load_point_up_to_the_marked_night()
    {
        var trend = Nights("host-a", 60, LoadKind.Concurrency, 16).Concat(Nights("host-a", 60, LoadKind.Concurrency, 32)).Concat(Nights("host-a", 60, LoadKind.Rate, 16)).ToList();

        var chart = SeriesChartBuilder.Build(AllHosts, trend, DetectionSettings.Default);

        Assert.NotNull(chart);
        var line = Assert.Single(chart.Lines);
        Assert.Equal(Enumerable.Range(30, 10).Select(d => First.AddDays(d)), line.Points.Select(p => p.Night));
        Assert.All(line.Points, p => Assert.InRange(p.Value, 1014, 1018));
        Assert.Equal(AllHosts.Night, chart.MarkedNight);
        Assert.Equal("ms", chart.Unit);
        Assert.Equal("GROK1 online on mi30x — e2e-median-ms @ concurrency 16", chart.Title);
    }

    [Fact]
    public void One_host_gets_the_detectors_band_several_do_not()
    {
        var oneHost = SeriesChartBuilder.Build(AllHosts, Nights("host-a", 60, LoadKind.Concurrency, 16).ToList(), DetectionSettings.Default);
        var twoHosts = SeriesChartBuilder.Build(AllHosts, [.. Nights("host-a", 60, LoadKind.Concurrency, 16), .. Nights("host-b", 60, LoadKind.Concurrency, 16)], DetectionSettings.Default);

        Assert.NotNull(oneHost);
        Assert.Equal(10, oneHost.Band.Count);
        Assert.All(oneHost.Band, b => Assert.True(b.Low < 1016 && b.High > 1016, $"{b.Low}..{b.High}"));
        Assert.NotNull(twoHosts);
        Assert.Equal(2, twoHosts.Lines.Count);
        Assert.Empty(twoHosts.Band);
    }

    [Fact]
    public void Only_the_busiest_hosts_are_drawn()
    {
        var trend = Enumerable.Range(0, SeriesChartBuilder.MaxHosts + 2).SelectMany(h => Nights($"host-{h}", 5 + h, LoadKind.Concurrency, 16)).ToList();

        var chart = SeriesChartBuilder.Build(AllHosts with { Night = null }, trend, DetectionSettings.Default);

        Assert.NotNull(chart);
        Assert.Equal(["host-5", "host-4", "host-3", "host-2"], chart.Lines.Select(l => l.Name));
    }

    [Fact]
    public void No_night_with_the_metric_gives_no_chart()
    {
        var summaryOnly = Nights("host-a", 10, LoadKind.Concurrency, 16).Select(p => p with { TpotMedianMs = null }).ToList();

        Assert.Null(SeriesChartBuilder.Build(AllHosts with { Metric = "tpot-median-ms" }, summaryOnly, DetectionSettings.Default));
        Assert.Null(SeriesChartBuilder.Build(AllHosts with { Load = 64 }, summaryOnly, DetectionSettings.Default));
        Assert.Null(SeriesChartBuilder.Build(AllHosts with { Night = First.AddDays(-1) }, summaryOnly, DetectionSettings.Default));
    }

    /// <summary>A night per day from <see cref="First"/>, E2E alternating ±2 around 1000 + load (the load tells points apart).</summary>
    private static IEnumerable<TrendPoint> Nights(string host, int count, LoadKind kind, double load) =>
        Enumerable.Range(0, count).Select(d => new TrendPoint(
            host, First.AddDays(d), "image", kind, load, "client-log", $"run-{host}-{d}",
            1000 + load + (d % 2 == 0 ? 2 : -2), 50, 10, 12, 900, 1500));
}
