using System.Globalization;
using SglangCi.Interfaces.History;

namespace SglangCi.Web.ViewModels;

/// <summary>
/// What the trends page shows, exactly as its query string says it
/// (<c>trends?hw=mi30x&amp;model=GROK1&amp;mode=online&amp;host=…&amp;load=4&amp;metric=e2e</c>), so run pages can link to a
/// series and a view can be bookmarked. <see cref="Resolve"/> fills what is missing or unknown from the series that
/// exist, so any link lands on a drawn chart.
/// </summary>
/// <param name="Host">One host, or null for every host.</param>
/// <param name="Load">One load point; ignored when <paramref name="AllLoads"/>.</param>
/// <param name="AllLoads">Every load point (query <c>load=all</c>): one line per load, best with one host.</param>
public sealed record TrendSelection(
    string? Hardware,
    string? Model,
    string? Mode,
    string? Host,
    double? Load,
    bool AllLoads,
    string Metric)
{
    public const string AllLoadsKey = "all";

    public static readonly TrendSelection None = new(null, null, null, null, null, false, TrendMetric.E2e.Key);

    /// <summary>The page's relative URL for this selection (no leading slash: the app has a base href).</summary>
    public string Href => "trends" + QueryString;

    /// <summary>The CSV of this selection (see <c>TrendCsvEndpoint</c>).</summary>
    public string CsvHref => "trends.csv" + QueryString;

    public string QueryString => ViewModels.QueryString.Of(
        ("hw", Hardware), ("model", Model), ("mode", Mode), ("host", Host),
        ("load", AllLoads ? AllLoadsKey : Load?.ToString("0.###", CultureInfo.InvariantCulture)), ("metric", Metric));

    public static TrendSelection Parse(string? hardware, string? model, string? mode, string? host, string? load, string? metric)
    {
        var all = string.Equals(load, AllLoadsKey, StringComparison.OrdinalIgnoreCase);
        double? parsedLoad = !all && double.TryParse(load, NumberStyles.Float, CultureInfo.InvariantCulture, out var l) ? l : null;
        return new TrendSelection(Blank(hardware), Blank(model), Blank(mode), Blank(host), parsedLoad, all, TrendMetric.Find(metric).Key);
    }

    /// <summary>
    /// This selection made valid against the series that exist: each level (hardware → model → mode → host → load) keeps
    /// its value when the level above has it, else takes a default — the first hardware and model, mode <c>online</c>,
    /// every host, and the load point with the most nights. Null when there are no series at all.
    /// </summary>
    public TrendSelection? Resolve(IReadOnlyList<TrendSeries> series)
    {
        var options = new TrendOptions(series);
        var hardware = Find(options.Hardware, Hardware) ?? options.Hardware.FirstOrDefault();
        if (hardware is null)
        {
            return null;
        }

        var models = options.Models(hardware);
        var model = Find(models, Model) ?? models[0];
        var modes = options.Modes(hardware, model);
        var mode = Find(modes, Mode) ?? Find(modes, Modes.Online) ?? modes[0];
        var host = Host is not null && options.Hosts(hardware, model, mode).Contains(Host, StringComparer.Ordinal) ? Host : null;
        var loads = options.Loads(hardware, model, mode, host);
        double? load = Load is { } l && loads.Any(x => x.Load == l)
            ? l
            : loads.OrderByDescending(x => x.Nights).ThenBy(x => x.Load).Select(x => (double?)x.Load).FirstOrDefault();
        return new TrendSelection(hardware, model, mode, host, AllLoads ? null : load, AllLoads, TrendMetric.Find(Metric).Key);
    }

    // The asked-for value when it exists: exact, then ignoring case (hand-typed URLs); null when absent.
    private static string? Find(IReadOnlyList<string> options, string? wanted) =>
        options.FirstOrDefault(o => string.Equals(o, wanted, StringComparison.Ordinal))
        ?? options.FirstOrDefault(o => string.Equals(o, wanted, StringComparison.OrdinalIgnoreCase));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
