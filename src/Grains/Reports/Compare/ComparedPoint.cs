using SglangCi.Interfaces.History;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// One load point of one side of a comparison, reduced to a value per <see cref="CompareMetric"/> key: the best
/// repetition of a run's client-log points, else the most trusted of its summary medians, or one night of a series.
/// </summary>
/// <param name="Origin">Where the numbers came from: <c>client-log</c>, <c>csv</c>, <c>timing-summary</c> or <c>cron-log</c>.</param>
/// <param name="Repetition">The repetition chosen (client logs only).</param>
/// <param name="Repetitions">How many repetitions the load point had (client logs only; 0 otherwise).</param>
/// <param name="RunId">The run the numbers belong to (a night's point names its run).</param>
public sealed record ComparedPoint(
    LoadKind LoadKind,
    double Load,
    string Origin,
    int? Repetition,
    int Repetitions,
    string? RunId,
    IReadOnlyDictionary<string, double?> Values)
{
    public const string ClientLog = "client-log";

    /// <summary>Where this side's numbers at this load came from: "best of 3 repetitions (rep 2), client-log", or the origin.</summary>
    public string Provenance => Repetitions > 1 ? $"best of {Repetitions} repetitions (rep {Repetition}), {Origin}" : Origin;

    /// <summary>The metric's value when it is a real number; absent, NaN or infinite reads as missing.</summary>
    public double? Value(CompareMetric metric) => Values.TryGetValue(metric.Key, out var v) && v is { } x && double.IsFinite(x) ? x : null;

    /// <summary>
    /// A run's load points: its client-log points (the best repetition of each load) when it has any, else the most
    /// trusted summary median of each load (medians of E2E, TTFT and ITL only, the rest missing).
    /// </summary>
    public static IReadOnlyList<ComparedPoint> FromRun(RunDetails details)
    {
        if (details.Points.Count > 0)
        {
            return details.Points
                .GroupBy(p => (p.LoadKind, p.Load))
                .OrderBy(g => g.Key.LoadKind).ThenBy(g => g.Key.Load)
                .Select(g =>
                {
                    var best = BestRepetition.Pick(g);
                    return new ComparedPoint(g.Key.LoadKind, g.Key.Load, ClientLog, best.Repetition, g.Count(), details.Run.Id, CompareMetric.ValuesOf(best));
                })
                .ToList();
        }

        return (details.SummaryPoints ?? [])
            .GroupBy(p => (p.LoadKind, p.Load))
            .OrderBy(g => g.Key.LoadKind).ThenBy(g => g.Key.Load)
            .Select(g => g.OrderBy(p => SummaryOriginTrust.Rank(p.Origin)).ThenBy(p => p.SourcePath, StringComparer.Ordinal).ThenBy(p => p.SourceLine).First())
            .Select(p => new ComparedPoint(p.LoadKind, p.Load, p.Origin, null, 0, details.Run.Id, new Dictionary<string, double?>
            {
                [CompareMetric.Latency("E2E", "median").Key] = p.E2eMedianMs,
                [CompareMetric.Latency("TTFT", "median").Key] = p.TtftMedianMs,
                [CompareMetric.Latency("ITL", "median").Key] = p.ItlMedianMs,
            }))
            .ToList();
    }

    /// <summary>One night of a series: its medians, and throughput, TPOT and p99 E2E where the night had client logs.</summary>
    public static ComparedPoint FromNight(TrendPoint point) => new(point.LoadKind, point.Load, point.Origin, null, 0, point.RunId,
        new Dictionary<string, double?>
        {
            [CompareMetric.OutputThroughput.Key] = point.OutputThroughput,
            [CompareMetric.Latency("TTFT", "median").Key] = point.TtftMedianMs,
            [CompareMetric.Latency("ITL", "median").Key] = point.ItlMedianMs,
            [CompareMetric.Latency("TPOT", "median").Key] = point.TpotMedianMs,
            [CompareMetric.Latency("E2E", "median").Key] = point.E2eMedianMs,
            [CompareMetric.Latency("E2E", "p99").Key] = point.E2eP99Ms,
        });
}
