using System.Globalization;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Web.ViewModels.Alerts;

/// <summary>
/// Where to look at a finding's series: its trend chart and the compare page for the night it changed against the night
/// before. The query strings are the pages' own (<c>trends?hw=…&amp;model=…&amp;mode=…&amp;host=…&amp;load=…&amp;metric=…</c>,
/// <c>compare?hw=…&amp;model=…&amp;mode=…&amp;host=…&amp;a=yyyy-MM-dd</c>); compare left without <c>b</c> takes the previous
/// night of the series, which is the last good night before the change.
/// </summary>
public static class SeriesLinks
{
    public static string Trend(string hardware, string host, string model, string mode, double? load, AlertMetric metric) =>
        new TrendSelection(hardware, model, mode, host, load, AllLoads: load is null, metric.TrendKey ?? TrendMetric.E2e.Key).Href;

    public static string Compare(string hardware, string host, string model, string mode, DateOnly firstBadNight) =>
        "compare" + QueryString.Of(
            ("hw", hardware), ("model", model), ("mode", mode), ("host", host),
            ("a", firstBadNight.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    /// <summary>The series in words: <c>GROK1 · online · 4 req/s</c> (host and hardware are shown beside it).</summary>
    public static string Describe(string model, string mode, LoadKind? loadKind, double? load) =>
        string.Join(" · ", new[] { model, Modes.Display(mode), loadKind is { } kind && load is { } l ? Formats.Load(kind, l) : "all load points" });

    /// <summary>An image's tag, which is what differs night to night (<c>v0.5.6-rocm700-mi30x-20251206</c>).</summary>
    public static string? Tag(string? image) => string.IsNullOrWhiteSpace(image) ? null : image[(image.LastIndexOf(':') + 1)..];
}
