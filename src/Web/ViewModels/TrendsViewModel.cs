using SglangCi.Interfaces;
using SglangCi.Interfaces.History;

namespace SglangCi.Web.ViewModels;

/// <summary>
/// The trends page: the series that exist (for the pickers), the resolved selection, and its nights shaped into chart
/// lines and table rows.
/// </summary>
/// <remarks>
/// Lines are per host at ONE load point by default. Latency grows several-fold from the lowest to the highest load, so
/// all load points on one axis flatten the low-load lines into the floor, and hosts × loads is a legend nobody can
/// read. One load with a line per host keeps one scale and shows what moves a night's number: the image and the host
/// it ran on. <c>load=all</c> instead draws a line per load point (meant for one host: the curve's shape over time).
/// </remarks>
public sealed record TrendsViewModel(
    IReadOnlyList<TrendSeries> Series,
    TrendSelection? Selection,
    TrendMetric Metric,
    IReadOnlyList<TrendLine> Lines,
    IReadOnlyList<TrendRow> Rows)
{
    public TrendOptions Options { get; } = new(Series);

    /// <summary>Nights in the table that have no value for the metric (summary-only nights for throughput, TPOT, p99).</summary>
    public int MissingValues => Rows.Count(r => r.Value is null);

    public static async Task<TrendsViewModel> LoadAsync(IGrainFactory grains, TrendSelection asked)
    {
        var history = grains.GetGrain<IHistoryQueryGrain>(0);
        var series = await history.Series();
        var selection = asked.Resolve(series);
        var metric = TrendMetric.Find(asked.Metric);
        if (selection is null)
        {
            return new TrendsViewModel(series, null, metric, [], []);
        }

        var points = await history.Trend(new TrendQuery(selection.Hardware!, selection.Model!, selection.Mode!, selection.Host));
        return Shape(series, selection, metric, points);
    }

    /// <summary>Filters the nights to the selection's load points and shapes them (pure: the tests drive it directly).</summary>
    public static TrendsViewModel Shape(IReadOnlyList<TrendSeries> series, TrendSelection selection, TrendMetric metric, IEnumerable<TrendPoint> points)
    {
        var shown = points
            .Where(p => selection.Host is null || string.Equals(p.Host, selection.Host, StringComparison.Ordinal))
            .Where(p => selection.AllLoads || p.Load == selection.Load)
            .OrderBy(p => p.ImageDate).ThenBy(p => p.Host, StringComparer.Ordinal).ThenBy(p => p.LoadKind).ThenBy(p => p.Load)
            .ToList();

        var lines = shown
            .GroupBy(p => LineTitle(selection, p))
            .Select(g => new TrendLine(g.Key, g
                .Where(p => metric.Of(p) is not null)
                .Select(p => new TrendChartValue(p.ImageDate.ToDateTime(TimeOnly.MinValue), metric.Of(p)!.Value, p))
                .ToList()))
            .Where(l => l.Values.Count > 0)
            .OrderBy(l => l.Values[0].Point.Host, StringComparer.Ordinal).ThenBy(l => l.Values[0].Point.Load)
            .ToList();

        // Every nightly tag differs (it carries the date); what matters is when the release in it changes.
        var previousRelease = new Dictionary<string, string?>(StringComparer.Ordinal);
        var rows = new List<TrendRow>(shown.Count);
        foreach (var point in shown)
        {
            var line = LineTitle(selection, point);
            var release = ImageTags.Release(point.Image);
            var newRelease = previousRelease.TryGetValue(line, out var before) && !string.Equals(before, release, StringComparison.Ordinal);
            previousRelease[line] = release;
            rows.Add(new TrendRow(point, metric.Of(point), newRelease));
        }

        return new TrendsViewModel(series, selection, metric, lines, rows);
    }

    /// <summary>A line per host at one load; per load point (with its host when several) for <c>load=all</c>.</summary>
    public static string LineTitle(TrendSelection selection, TrendPoint point) => selection.AllLoads
        ? selection.Host is null ? $"{point.Host} · {Formats.Load(point.LoadKind, point.Load)}" : Formats.Load(point.LoadKind, point.Load)
        : point.Host;
}
