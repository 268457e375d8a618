using SglangCi.Grains.Reports.Compare;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels;

/// <summary>
/// One load level on the charts: the mean over its repetitions of each plotted metric. Built from the client-log points
/// when the run has them, else from the medians its old summaries recorded (which carry no p99 and no throughput).
/// </summary>
public sealed record LoadSeriesPoint(
    double Load,
    double? E2eMedianMs,
    double? E2eP99Ms,
    double? OutputThroughput,
    double? TtftMedianMs = null,
    double? ItlMedianMs = null)
{
    public static IReadOnlyList<LoadSeriesPoint> FromPoints(IEnumerable<BenchmarkPointResult> points) => points
        .GroupBy(p => p.Load)
        .OrderBy(g => g.Key)
        .Select(g => new LoadSeriesPoint(
            g.Key,
            Mean(g.Select(p => p.E2e.Median)),
            Mean(g.Select(p => p.E2e.P99)),
            Mean(g.Select(p => (double?)p.OutputTokenThroughput)),
            Mean(g.Select(p => p.Ttft.Median)),
            Mean(g.Select(p => p.Itl.Median))))
        .ToList();

    /// <summary>One point per load from the most trusted summary that has it (summaries of one run may overlap).</summary>
    public static IReadOnlyList<LoadSeriesPoint> FromSummary(IEnumerable<SummaryPoint> points) => points
        .GroupBy(p => p.Load)
        .OrderBy(g => g.Key)
        .Select(g => g.OrderBy(p => TrustRank(p.Origin)).ThenBy(p => p.SourcePath, StringComparer.Ordinal).ThenBy(p => p.SourceLine).First())
        .Select(p => new LoadSeriesPoint(p.Load, Finite(p.E2eMedianMs), null, null, Finite(p.TtftMedianMs), Finite(p.ItlMedianMs)))
        .ToList();

    /// <summary>The old CI's summaries' trust order, shared with comparisons (<see cref="SummaryOriginTrust"/>).</summary>
    public static int TrustRank(string origin) => SummaryOriginTrust.Rank(origin);

    private static double? Mean(IEnumerable<double?> values)
    {
        var finite = values.Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToList();
        return finite.Count == 0 ? null : finite.Average();
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
