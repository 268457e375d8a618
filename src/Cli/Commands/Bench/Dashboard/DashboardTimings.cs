namespace SglangCi.Cli.Commands.Bench.Dashboard;

/// <summary>
/// The goals: a read API call answers within <see cref="ApiMedianMs"/> at the median and <see cref="ApiP95Ms"/> at
/// p95; a page's server time (its prerendered GET) stays under <see cref="PageP95Ms"/> at p95.
/// </summary>
public static class DashboardGoals
{
    public const double ApiMedianMs = 5;
    public const double ApiP95Ms = 20;
    public const double PageP95Ms = 50;

    /// <summary>The goal in words, for the report.</summary>
    public static string Describe(DashboardTargetKind kind) => kind == DashboardTargetKind.Api
        ? $"median ≤ {ApiMedianMs:0} ms, p95 ≤ {ApiP95Ms:0} ms"
        : $"p95 < {PageP95Ms:0} ms";

    public static bool Met(DashboardTargetKind kind, LatencySummary latency)
    {
        ArgumentNullException.ThrowIfNull(latency);
        return kind == DashboardTargetKind.Api
            ? latency.MedianMs <= ApiMedianMs && latency.P95Ms <= ApiP95Ms
            : latency.P95Ms < PageP95Ms;
    }
}

/// <summary>Median, p95 and max of a target's timings in milliseconds; percentiles by nearest rank.</summary>
public sealed record LatencySummary(int Count, double MedianMs, double P95Ms, double MaxMs)
{
    public static LatencySummary Of(IReadOnlyCollection<double> millis)
    {
        ArgumentNullException.ThrowIfNull(millis);
        if (millis.Count == 0)
        {
            throw new ArgumentException("No timings to summarise.", nameof(millis));
        }

        var sorted = millis.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return new LatencySummary(sorted.Length, median, NearestRank(sorted, 0.95), sorted[^1]);
    }

    /// <summary>The smallest value with at least <paramref name="fraction"/> of the values at or below it.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}

/// <summary>One target's outcome: its timings, or the error that stopped it (a non-2xx answer counts as one).</summary>
public sealed record DashboardTargetResult(DashboardTarget Target, LatencySummary? Latency, string? Error, long Bytes)
{
    public bool Met => Error is null && Latency is not null && DashboardGoals.Met(Target.Kind, Latency);
}
