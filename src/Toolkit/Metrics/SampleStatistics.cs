namespace SglangCi.Toolkit.Metrics;

/// <summary>
/// The statistics bench_serving prints, computed the way numpy computes them, so numbers measured by our load
/// generator can be compared one-for-one with numbers parsed from real SGLang logs: the mean, the median, the
/// population standard deviation (numpy's default <c>ddof=0</c>) and percentiles with numpy's default
/// linear interpolation between the two closest ranks.
/// </summary>
public static class SampleStatistics
{
    /// <summary>Summarizes <paramref name="samples"/> after multiplying each by <paramref name="scale"/> (1000 turns seconds into ms).</summary>
    /// <returns><see cref="MetricSummary.Empty"/> when there are no samples, because a mean of nothing is not zero.</returns>
    public static MetricSummary Summarize(IEnumerable<double> samples, double scale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sorted = samples.Select(s => s * scale).ToArray();
        if (sorted.Length == 0)
        {
            return MetricSummary.Empty;
        }

        Array.Sort(sorted);
        return new MetricSummary(
            Mean: Mean(sorted),
            Median: PercentileOfSorted(sorted, 50),
            Std: PopulationStd(sorted),
            P90: PercentileOfSorted(sorted, 90),
            P95: PercentileOfSorted(sorted, 95),
            P99: PercentileOfSorted(sorted, 99),
            Max: sorted[^1],
            Count: sorted.Length);
    }

    /// <summary>Arithmetic mean; throws on an empty list because the caller must decide what "no data" means.</summary>
    public static double Mean(IReadOnlyList<double> values)
    {
        RequireSamples(values);
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Count;
    }

    /// <summary>Median (the 50th percentile with linear interpolation), as <c>np.median</c>.</summary>
    public static double Median(IReadOnlyList<double> values) => Percentile(values, 50);

    /// <summary>Population standard deviation (divides by n, not n-1), as <c>np.std</c> with its defaults.</summary>
    public static double PopulationStd(IReadOnlyList<double> values)
    {
        var mean = Mean(values);
        var squares = 0.0;
        foreach (var v in values)
        {
            var d = v - mean;
            squares += d * d;
        }

        return Math.Sqrt(squares / values.Count);
    }

    /// <summary>
    /// Sample standard deviation (divides by n-1), the spread of a few repeated trials as an estimate of the run-to-run
    /// noise; 0 for a single value, where no spread can be seen.
    /// </summary>
    public static double SampleStd(IReadOnlyList<double> values)
    {
        var mean = Mean(values);
        if (values.Count == 1)
        {
            return 0;
        }

        var squares = 0.0;
        foreach (var v in values)
        {
            var d = v - mean;
            squares += d * d;
        }

        return Math.Sqrt(squares / (values.Count - 1));
    }

    /// <summary>Percentile <paramref name="percent"/> (0..100) of unsorted values, as <c>np.percentile</c> (method "linear").</summary>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        RequireSamples(values);
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return PercentileOfSorted(sorted, percent);
    }

    /// <summary>
    /// The rank is <c>(n-1)·p/100</c>; a fractional rank interpolates between its neighbours. This is numpy's
    /// default, which differs from "nearest rank" methods by up to one sample's gap.
    /// </summary>
    private static double PercentileOfSorted(double[] sorted, double percent)
    {
        if (double.IsNaN(percent) || percent < 0 || percent > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentile must be between 0 and 100.");
        }

        var rank = (sorted.Length - 1) * percent / 100.0;
        var lower = (int)Math.Floor(rank);
        if (lower >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        var fraction = rank - lower;
        return sorted[lower] + (fraction * (sorted[lower + 1] - sorted[lower]));
    }

    private static void RequireSamples(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("At least one sample is required.", nameof(values));
        }
    }
}
