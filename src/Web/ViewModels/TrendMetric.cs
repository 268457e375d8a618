using SglangCi.Interfaces.History;

namespace SglangCi.Web.ViewModels;

/// <summary>
/// A number a trend can plot, with its query-string key. Medians exist for every night; throughput, TPOT and p99 only
/// for nights whose numbers came from client logs (the old CI's summaries recorded medians only), so their lines
/// have gaps on summary-only nights.
/// </summary>
public sealed record TrendMetric(string Key, string Label, string Unit, Func<TrendPoint, double?> Value)
{
    public static readonly TrendMetric E2e = new("e2e", "median E2E latency", "ms", p => p.E2eMedianMs);
    public static readonly TrendMetric Ttft = new("ttft", "median TTFT", "ms", p => p.TtftMedianMs);
    public static readonly TrendMetric Itl = new("itl", "median ITL", "ms", p => p.ItlMedianMs);
    public static readonly TrendMetric Throughput = new("tput", "output throughput (client-log nights only)", "tok/s", p => p.OutputThroughput);
    public static readonly TrendMetric Tpot = new("tpot", "median TPOT (client-log nights only)", "ms", p => p.TpotMedianMs);
    public static readonly TrendMetric E2eP99 = new("e2e-p99", "p99 E2E latency (client-log nights only)", "ms", p => p.E2eP99Ms);

    public static IReadOnlyList<TrendMetric> All { get; } = [E2e, Ttft, Itl, Throughput, Tpot, E2eP99];

    /// <summary>The metric with this key; median E2E for none or an unknown one.</summary>
    public static TrendMetric Find(string? key) =>
        All.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase)) ?? E2e;

    /// <summary>The value when it is a real number; NaN or infinity from a broken log counts as none.</summary>
    public double? Of(TrendPoint point) => Value(point) is { } v && double.IsFinite(v) ? v : null;
}
