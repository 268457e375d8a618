using System.Globalization;
using SglangCi.Grains.Analysis;
using SglangCi.Interfaces.History;
using SglangCi.Interfaces.Presets;
using SglangCi.Toolkit.Analysis;
using SglangCi.Toolkit.Metrics;

namespace SglangCi.Web.Charts;

/// <summary>
/// Turns a series' stored nights into the chart a request asks for: its load point and metric, the last nights up to
/// the marked one (so a card's chart shows what the alert saw, however late it is opened), one line per host (the
/// busiest few), and the detector's band when a single host is drawn (hosts have their own baselines; one band for
/// several would be wrong for all but one).
/// </summary>
public static class SeriesChartBuilder
{
    /// <summary>More lines than this on 800 pixels are a tangle; the hosts with the most nights are kept.</summary>
    public const int MaxHosts = 4;

    /// <summary>The chart, or null when the series has no night with a value of the metric in the window.</summary>
    public static SeriesChart? Build(SeriesChartRequest request, IReadOnlyList<TrendPoint> trend, DetectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(trend);
        var metric = SeriesMetric.All.Single(m => m.Name == request.Metric);
        var series = trend
            .Where(p => p.LoadKind == request.LoadKind && SameLoad(p.Load, request.Load))
            .Where(p => request.Host is null || p.Host == request.Host)
            .Where(p => request.Night is null || p.ImageDate <= request.Night)
            .Select(p => (Point: p, Value: metric.Read(p)))
            .Where(p => p.Value is { } v && double.IsFinite(v))
            .Select(p => (p.Point.Host, Night: p.Point.ImageDate, Value: p.Value!.Value))
            .ToList();
        var window = series.Select(p => p.Night).Distinct().OrderDescending().Take(request.Nights).ToHashSet();
        if (window.Count == 0)
        {
            return null;
        }

        var hosts = series.Where(p => window.Contains(p.Night)).GroupBy(p => p.Host)
            .OrderByDescending(h => h.Select(p => p.Night).Distinct().Count()).ThenBy(h => h.Key, StringComparer.Ordinal)
            .Take(MaxHosts)
            .Select(h => h.Key)
            .ToList();
        var lines = hosts
            .Select(host => new SeriesChartLine(host, Nights(series.Where(p => p.Host == host && window.Contains(p.Night)))
                .Select(n => new SeriesChartPoint(n.Night, SampleStatistics.Median(n.Values)))
                .ToList()))
            .ToList();
        var band = hosts.Count == 1 ? Band(series.Where(p => p.Host == hosts[0]), window, metric, settings) : [];
        return new SeriesChart(Title(request), Unit(request.Metric), lines, band, request.Night);
    }

    /// <summary>"MODEL MODE on HARDWARE — METRIC @ LOAD", the words an alert card uses for the series.</summary>
    public static string Title(SeriesChartRequest request)
    {
        var load = request.Load.ToString("0.###", CultureInfo.InvariantCulture);
        var point = request.LoadKind == LoadKind.Rate ? $"rate {load} req/s" : $"concurrency {load}";
        var host = request.Host is null ? string.Empty : $" ({request.Host})";
        return $"{request.Model} {request.Mode} on {request.Hardware}{host} — {request.Metric} @ {point}";
    }

    /// <summary>The y axis' unit, read from the metric's wire name (its suffix is the unit by convention).</summary>
    public static string Unit(string metric) => metric.EndsWith("-ms", StringComparison.Ordinal) ? "ms"
        : metric.EndsWith("-tok-s", StringComparison.Ordinal) ? "tok/s"
        : string.Empty;

    /// <summary>
    /// The detector run over the host's whole stored history up to the window's end (the baseline of the window's first
    /// nights comes from nights before it), kept for the window's nights that had enough history to have a baseline.
    /// </summary>
    private static List<SeriesChartBandPoint> Band(
        IEnumerable<(string Host, DateOnly Night, double Value)> hostSeries, HashSet<DateOnly> window, SeriesMetric metric, DetectionSettings settings)
    {
        var nights = Nights(hostSeries).Select(n => new SeriesNight(n.Night, n.Values)).ToList();
        return RegressionDetector.Assess(nights, metric.Direction, metric.Tail, settings)
            .Where(a => window.Contains(a.Night) && a.Baseline is not null && a.Spread is not null)
            .Select(a => new SeriesChartBandPoint(
                a.Night, a.Baseline!.Value - (settings.SpreadMultiple * a.Spread!.Value), a.Baseline.Value + (settings.SpreadMultiple * a.Spread.Value)))
            .ToList();
    }

    /// <summary>The values by night, in night order (a same-night rerun gives a night two values).</summary>
    private static IEnumerable<(DateOnly Night, IReadOnlyList<double> Values)> Nights(IEnumerable<(string Host, DateOnly Night, double Value)> points) =>
        points.GroupBy(p => p.Night).OrderBy(g => g.Key).Select(g => (g.Key, (IReadOnlyList<double>)g.Select(p => p.Value).ToList()));

    // Loads are stored as REAL and written back by the same code, but a URL's decimal text may differ in the last bit.
    private static bool SameLoad(double stored, double asked) => Math.Abs(stored - asked) <= 1e-9 * Math.Max(1, Math.Abs(asked));
}
