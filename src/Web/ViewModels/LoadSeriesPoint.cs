using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels;

/// <summary>One load level on the charts: the mean over its repetitions of each plotted metric.</summary>
public sealed record LoadSeriesPoint(double Load, double? E2eMedianMs, double? E2eP99Ms, double? OutputThroughput)
{
    public static IReadOnlyList<LoadSeriesPoint> FromPoints(IEnumerable<BenchmarkPointResult> points) => points
        .GroupBy(p => p.Load)
        .OrderBy(g => g.Key)
        .Select(g => new LoadSeriesPoint(
            g.Key,
            Mean(g.Select(p => p.E2e.Median)),
            Mean(g.Select(p => p.E2e.P99)),
            Mean(g.Select(p => (double?)p.OutputTokenThroughput))))
        .ToList();

    private static double? Mean(IEnumerable<double?> values)
    {
        var finite = values.Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToList();
        return finite.Count == 0 ? null : finite.Average();
    }
}
