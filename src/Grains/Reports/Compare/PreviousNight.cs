using SglangCi.Interfaces.History;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// The night before a given one on the same series (hardware, model, mode and host: another host gives other numbers),
/// and the run that stands for it — what <c>compare?a=RUN</c> compares a run with when no B is named.
/// </summary>
/// <param name="Points">That night's load points, from the trend of the series.</param>
public sealed record PreviousNight(DateOnly Date, string RunId, IReadOnlyList<TrendPoint> Points)
{
    /// <summary>
    /// The latest image date before <paramref name="before"/> on <paramref name="host"/>, or null when the series has
    /// none. A night whose load points came from several runs (a rerun) is stood for by the run with the most of them.
    /// </summary>
    public static PreviousNight? Find(IEnumerable<TrendPoint> trend, string host, DateOnly before)
    {
        var earlier = trend.Where(p => string.Equals(p.Host, host, StringComparison.Ordinal) && p.ImageDate < before).ToList();
        if (earlier.Count == 0)
        {
            return null;
        }

        var date = earlier.Max(p => p.ImageDate);
        var night = earlier.Where(p => p.ImageDate == date).OrderBy(p => p.LoadKind).ThenBy(p => p.Load).ToList();
        var run = night.GroupBy(p => p.RunId, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .First().Key;
        return new PreviousNight(date, run, night);
    }
}
