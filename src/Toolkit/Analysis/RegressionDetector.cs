using SglangCi.Toolkit.Metrics;

namespace SglangCi.Toolkit.Analysis;

/// <summary>
/// Judges a series night by night, as if live (each night sees only the nights before it). The baseline is the median of
/// the last <see cref="DetectionSettings.BaselineNights"/> valid nights and the spread their MAD scaled to a standard
/// deviation (×1.4826, floored by the interquartile range's estimate), both robust to the odd broken night that a mean
/// and a standard deviation would follow. A night
/// is a candidate when it is at least <see cref="DetectionSettings.SpreadMultiple"/> spreads and the minimum relative change
/// away, in the bad direction (a regression) or the good one (an improvement), and outside the range its recent normal
/// nights spanned; it is confirmed when the previous valid
/// night moved the same way beyond the thresholds too, or when every run of a same-night rerun does. A single bad night
/// stays a candidate: the old system's one-day comparison alerted on noise or, as written, never.
/// </summary>
public static class RegressionDetector
{
    /// <summary>Scales a MAD to the standard deviation of normal noise.</summary>
    public const double MadToSigma = 1.4826;

    /// <summary>Divides an interquartile range into the standard deviation of normal noise.</summary>
    public const double IqrToSigma = 1.349;

    /// <param name="nights">The series in night order (a night may have no value).</param>
    /// <param name="direction">Which way the metric gets worse.</param>
    /// <param name="tail">A tail metric (p99): the larger minimum change applies.</param>
    public static IReadOnlyList<NightAssessment> Assess(
        IReadOnlyList<SeriesNight> nights, MetricDirection direction, bool tail = false, DetectionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(nights);
        settings = (settings ?? DetectionSettings.Default).Validated();
        var minimumChange = tail ? settings.MinimumTailChange : settings.MinimumChange;
        var history = new List<(double Value, bool Normal)>();
        var assessments = new List<NightAssessment>(nights.Count);
        NightAssessment? previousValid = null;
        DateOnly? previousNight = null;
        foreach (var night in nights)
        {
            if (previousNight is { } before && night.Night <= before)
            {
                throw new ArgumentException($"series nights must be in increasing order: {night.Night:yyyy-MM-dd} follows {before:yyyy-MM-dd}", nameof(nights));
            }

            previousNight = night.Night;
            if (!night.HasData)
            {
                assessments.Add(new NightAssessment(night.Night, null, null, null, null, null, NightVerdict.Missing));
                continue;
            }

            var value = SampleStatistics.Median(night.Values);
            var assessment = history.Count < settings.MinimumBaselineNights
                ? new NightAssessment(night.Night, value, null, null, null, null, NightVerdict.InsufficientHistory)
                : Judge(night, value, history.TakeLast(settings.BaselineNights).ToList(), direction, minimumChange, settings.SpreadMultiple, previousValid);
            assessments.Add(assessment);
            previousValid = assessment;
            history.Add((value, assessment.Verdict is NightVerdict.Normal or NightVerdict.InsufficientHistory));
        }

        return assessments;
    }

    private static NightAssessment Judge(
        SeriesNight night, double value, IReadOnlyList<(double Value, bool Normal)> window, MetricDirection direction, double minimumChange, double spreadMultiple, NightAssessment? previous)
    {
        var values = window.Select(w => w.Value).ToList();
        var baseline = SampleStatistics.Median(values);
        var spread = Spread(values, baseline);
        var worse = Worse(value, baseline, direction);
        var spreads = spread > 0 ? Math.Abs(value - baseline) / spread : (double?)null;
        var moved = Beyond(value, baseline, spread, minimumChange, spreadMultiple) && !SeenBefore(value, window);
        var way = moved ? Math.Sign(worse) : 0;
        if (way == 0)
        {
            return new NightAssessment(night.Night, value, baseline, spread, worse, spreads, NightVerdict.Normal);
        }

        var rerunAgrees = night.Values.Count > 1
            && night.Values.All(v => Beyond(v, baseline, spread, minimumChange, spreadMultiple) && Math.Sign(Worse(v, baseline, direction)) == way);
        var streak = way > 0 ? previous?.IsRegression == true : previous?.IsImprovement == true;
        var confirmed = rerunAgrees || streak;
        var verdict = (way > 0, confirmed) switch
        {
            (true, true) => NightVerdict.ConfirmedRegression,
            (true, false) => NightVerdict.CandidateRegression,
            (false, true) => NightVerdict.ConfirmedImprovement,
            (false, false) => NightVerdict.CandidateImprovement,
        };
        DateOnly? since = !confirmed ? null : streak ? previous!.Since ?? previous.Night : night.Night;
        return new NightAssessment(night.Night, value, baseline, spread, worse, spreads, verdict, since);
    }

    /// <summary>
    /// The window's noise as a standard deviation: the scaled MAD, but never below the interquartile range's estimate
    /// (IQR / 1.349). A MAD is zero as soon as more than half the window sits on one value, which bimodal series do (two
    /// hosts, two kernels picked by the autotuner): every jump to the other mode would then look infinitely significant.
    /// </summary>
    private static double Spread(IReadOnlyList<double> window, double baseline)
    {
        var mad = MadToSigma * SampleStatistics.Median(window.Select(v => Math.Abs(v - baseline)).ToList());
        var iqr = SampleStatistics.Percentile(window, 75) - SampleStatistics.Percentile(window, 25);
        return Math.Max(mad, iqr / IqrToSigma);
    }

    /// <summary>
    /// True when the window's normal nights already reached <paramref name="value"/>: a value the series has shown as
    /// noise within the last nights is no change, however few of them it was (the rarer mode of a bimodal series). Nights
    /// that were themselves changes do not count, so a step confirms on its second night.
    /// </summary>
    private static bool SeenBefore(double value, IReadOnlyList<(double Value, bool Normal)> window)
    {
        var normal = window.Where(w => w.Normal).Select(w => w.Value).ToList();
        return normal.Count >= 2 && value >= normal.Min() && value <= normal.Max();
    }

    /// <summary>Relative change, positive when worse: a rise for latencies, a fall for throughput.</summary>
    private static double Worse(double value, double baseline, MetricDirection direction)
    {
        if (baseline == 0)
        {
            return 0;
        }

        var change = (value - baseline) / Math.Abs(baseline);
        return direction == MetricDirection.LowerIsBetter ? change : -change;
    }

    private static bool Beyond(double value, double baseline, double spread, double minimumChange, double spreadMultiple) =>
        Math.Abs(value - baseline) >= spreadMultiple * spread
        && baseline != 0
        && Math.Abs(value - baseline) / Math.Abs(baseline) >= minimumChange;
}
