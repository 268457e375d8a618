using SglangCi.Interfaces.History;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Web.ViewModels;

/// <summary>
/// The choices of the trends page's cascading pickers, read off the series that exist: each level lists only what
/// the levels above it have, so no combination leads to an empty chart.
/// </summary>
public sealed class TrendOptions(IReadOnlyList<TrendSeries> series)
{
    public IReadOnlyList<string> Hardware => Distinct(series);

    public IReadOnlyList<string> Models(string hardware) => Distinct(series.Where(s => Is(s.Hardware, hardware)), s => s.Model);

    public IReadOnlyList<string> Modes(string hardware, string model) =>
        Distinct(series.Where(s => Is(s.Hardware, hardware) && Is(s.Model, model)), s => s.Mode);

    public IReadOnlyList<string> Hosts(string hardware, string model, string mode) =>
        Distinct(Of(hardware, model, mode), s => s.Host);

    /// <summary>The load points of one (hardware, model, mode), of one host or all, with their nights summed over hosts.</summary>
    public IReadOnlyList<LoadOption> Loads(string hardware, string model, string mode, string? host) => Of(hardware, model, mode)
        .Where(s => host is null || Is(s.Host, host))
        .GroupBy(s => (s.LoadKind, s.Load))
        .OrderBy(g => g.Key.LoadKind).ThenBy(g => g.Key.Load)
        .Select(g => new LoadOption(g.Key.LoadKind, g.Key.Load, g.Sum(s => s.Nights)))
        .ToList();

    private IEnumerable<TrendSeries> Of(string hardware, string model, string mode) =>
        series.Where(s => Is(s.Hardware, hardware) && Is(s.Model, model) && Is(s.Mode, mode));

    private static IReadOnlyList<string> Distinct(IEnumerable<TrendSeries> source, Func<TrendSeries, string>? key = null) => source
        .Select(key ?? (s => s.Hardware))
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.OrdinalIgnoreCase)
        .ToList();

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);
}
