using SglangCi.Interfaces.Hardware;

namespace SglangCi.Web.ViewModels.Hardware;

/// <summary>
/// A hardware kind's pass rate per day, for the home page's comparison chart. Days where nothing finished have no
/// rate and no point (a gap, not a 0 % that never happened).
/// </summary>
public sealed record PassRateLine(string Hardware, IReadOnlyList<PassRatePoint> Points)
{
    public static IReadOnlyList<PassRateLine> Of(IEnumerable<HardwareDaySummary> days) => days
        .Where(d => d.PassRate is not null)
        .GroupBy(d => d.Hardware, StringComparer.OrdinalIgnoreCase)
        .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
        .Select(g => new PassRateLine(g.Key, g
            .OrderBy(d => d.Day)
            .Select(d => new PassRatePoint(d.Day.ToDateTime(TimeOnly.MinValue), d.PassRate!.Value * 100, d))
            .ToList()))
        .ToList();
}
