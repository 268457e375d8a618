using SglangCi.Toolkit.Metrics;

namespace SglangCi.Toolkit.Analysis;

/// <summary>
/// The weekly sweep for what the nightly detector cannot see: slow drifts and steps it absorbed into its baseline. A
/// windowed Welch t-test (as Mozilla's Perfherder runs it) compares the <see cref="Window"/> valid nights before each
/// night with the ones from it on. Two weeks a side: a drift of 0.5 % a night moves the nightly baseline (a median lagging
/// about a week) only 3.5 % behind, under the 5 % floor, but two adjacent fortnights 7 % apart; a night is a change point where |t| is at least <see cref="TThreshold"/>, the means
/// differ by the minimum relative change, and no night within a window of it has a larger |t| (one change, one point).
/// </summary>
public static class ChangePointSweep
{
    public const int Window = 14;

    public const double TThreshold = 5.0;

    public static IReadOnlyList<ChangePoint> Find(
        IReadOnlyList<SeriesNight> nights, MetricDirection direction, bool tail = false, DetectionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(nights);
        settings = (settings ?? DetectionSettings.Default).Validated();
        var minimumChange = tail ? settings.MinimumTailChange : settings.MinimumChange;
        var valid = nights.Where(n => n.HasData).Select(n => (n.Night, Value: SampleStatistics.Median(n.Values))).ToList();
        var candidates = new List<ChangePoint>();
        for (var k = Window; k + Window <= valid.Count; k++)
        {
            var before = valid.Skip(k - Window).Take(Window).Select(v => v.Value).ToList();
            var after = valid.Skip(k).Take(Window).Select(v => v.Value).ToList();
            var (meanBefore, meanAfter) = (SampleStatistics.Mean(before), SampleStatistics.Mean(after));
            var error = Math.Sqrt((Variance(before) / before.Count) + (Variance(after) / after.Count));
            var t = error > 0 ? (meanAfter - meanBefore) / error : meanAfter == meanBefore ? 0 : double.PositiveInfinity * Math.Sign(meanAfter - meanBefore);
            var change = meanBefore == 0 ? 0 : (meanAfter - meanBefore) / Math.Abs(meanBefore);
            if (Math.Abs(t) >= TThreshold && Math.Abs(change) >= minimumChange)
            {
                candidates.Add(new ChangePoint(valid[k].Night, meanBefore, meanAfter, direction == MetricDirection.LowerIsBetter ? change : -change, t));
            }
        }

        // Neighbouring splits of one change all pass: keep the strongest, then the strongest not within a window of a kept one.
        var kept = new List<ChangePoint>();
        foreach (var candidate in candidates.OrderByDescending(c => Math.Abs(c.T)).ThenBy(c => c.Night))
        {
            var at = valid.FindIndex(v => v.Night == candidate.Night);
            if (!kept.Any(k => Math.Abs(valid.FindIndex(v => v.Night == k.Night) - at) < Window))
            {
                kept.Add(candidate);
            }
        }

        return [.. kept.OrderBy(c => c.Night)];
    }

    private static double Variance(IReadOnlyList<double> values)
    {
        var sd = SampleStatistics.SampleStd(values);
        return sd * sd;
    }
}
