using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// Which repetition of a load point stands for it when two runs are compared: the one with the lowest median E2E
/// latency — the night view's "best run" rule (the importer's <c>night_points</c> and the old CI's CSV use it), so the
/// compare page and the trends agree on a night's number.
/// </summary>
/// <remarks>
/// A mean over repetitions would mix a warm-up-struck repetition into the number; the best one is what the hardware
/// and image can do, and the same rule on both sides keeps the comparison fair. Ties go to the earlier repetition;
/// repetitions without a median E2E (a broken log) lose to any that has one.
/// </remarks>
public static class BestRepetition
{
    public static BenchmarkPointResult Pick(IEnumerable<BenchmarkPointResult> repetitions) => repetitions
        .OrderBy(p => Finite(p.E2e?.Median) is null ? 1 : 0)
        .ThenBy(p => Finite(p.E2e?.Median) ?? 0)
        .ThenBy(p => p.Repetition)
        .FirstOrDefault() ?? throw new ArgumentException("a load point has at least one repetition", nameof(repetitions));

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
