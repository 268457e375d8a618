using SglangCi.Toolkit.Metrics;

namespace SglangCi.Toolkit.Analysis;

/// <summary>
/// The two accuracy tiers. A night whose trials' mean is below the preset's threshold failed the gate. Above it, the mean
/// is compared with the series' baseline (the median of the last nights' means, as for latency): a drop of at least
/// max(3 σ, 1.5 points) is an accuracy regression, σ being the night's own trial-to-trial spread (sample standard
/// deviation of its trials) or, with a single trial, the spread of the baseline nights' means (both thresholds are
/// <see cref="DetectionSettings"/>). The old rule took the
/// best of three trials, so one lucky trial hid a real drop.
/// </summary>
public static class AccuracyDetector
{
    /// <param name="nights">The series in night order; nights without trials are skipped.</param>
    /// <param name="threshold">The preset's hard GSM8K threshold (0..1).</param>
    public static IReadOnlyList<AccuracyAssessment> Assess(IReadOnlyList<AccuracyNight> nights, double threshold, DetectionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(nights);
        settings = (settings ?? DetectionSettings.Default).Validated();
        var means = new List<double>();
        var assessments = new List<AccuracyAssessment>();
        foreach (var night in nights.Where(n => n.Trials.Count > 0))
        {
            var mean = SampleStatistics.Mean(night.Trials);
            if (mean < threshold)
            {
                assessments.Add(new AccuracyAssessment(night.Night, mean, Baseline(means, settings), null, null, AccuracyVerdict.BelowThreshold));
            }
            else if (means.Count < settings.MinimumBaselineNights)
            {
                assessments.Add(new AccuracyAssessment(night.Night, mean, null, null, null, AccuracyVerdict.InsufficientHistory));
            }
            else
            {
                var window = means.TakeLast(settings.BaselineNights).ToList();
                var baseline = SampleStatistics.Median(window);
                var sigma = night.Trials.Count > 1 ? SampleStatistics.SampleStd(night.Trials) : SampleStatistics.SampleStd(window);
                var required = Math.Max(settings.AccuracySigmaMultiple * sigma, settings.AccuracyMinimumDrop);
                var drop = baseline - mean;
                assessments.Add(new AccuracyAssessment(
                    night.Night, mean, baseline, drop, required, drop >= required ? AccuracyVerdict.Regression : AccuracyVerdict.Normal));
            }

            means.Add(mean);
        }

        return assessments;
    }

    private static double? Baseline(List<double> means, DetectionSettings settings) =>
        means.Count < settings.MinimumBaselineNights ? null : SampleStatistics.Median(means.TakeLast(settings.BaselineNights).ToList());
}
