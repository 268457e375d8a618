namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// When each request is sent, relative to the start of the run. An infinite rate sends everything at t=0 (a burst,
/// bench_serving's default); a finite rate gives a Poisson process, i.e. exponentially distributed gaps with mean
/// 1/rate, seeded so the same configuration produces the same arrival pattern every night.
/// </summary>
public static class ArrivalSchedule
{
    /// <summary>Send offsets in seconds: the first request at 0, each next one a random gap later.</summary>
    public static double[] OffsetsSeconds(int count, double requestRate, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ValidateRate(requestRate);
        var offsets = new double[count];
        if (double.IsPositiveInfinity(requestRate))
        {
            return offsets;
        }

        for (var i = 1; i < count; i++)
        {
            offsets[i] = offsets[i - 1] + NextGapSeconds(requestRate, random);
        }

        return offsets;
    }

    /// <summary>One exponential gap by inversion: -ln(1-U)/rate, where 1-U is in (0, 1] so the log is finite.</summary>
    public static double NextGapSeconds(double requestRate, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ValidateRate(requestRate);
        return -Math.Log(1.0 - random.NextDouble()) / requestRate;
    }

    private static void ValidateRate(double requestRate)
    {
        if (double.IsNaN(requestRate) || requestRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(requestRate), requestRate, "The request rate must be positive (or infinity for a burst).");
        }
    }
}
