using SglangCi.Toolkit.Analysis;

namespace SglangCi.Toolkit.Tests.Analysis;

/// <summary>The two accuracy tiers on series with known answers: a drop above the threshold that the old best-of-three
/// rule hid, a drop within the trials' own noise, the 1.5-point floor, and the hard threshold.</summary>
public sealed class AccuracyDetectorTests
{
    private static readonly DateOnly Start = new(2025, 11, 1);

    [Fact]
    public void A_two_and_a_half_point_drop_above_the_threshold_is_a_regression_the_gate_alone_lets_through()
    {
        // Ten nights at ~0.95; then trials 0.92, 0.925, 0.93: far above the 0.80 gate, but 2.5 points down and 3 σ = 1.5.
        var nights = Steady(10, 0.95).Append(AccuracyNight.Of(Start.AddDays(10), 0.92, 0.925, 0.93)).ToList();

        var last = AccuracyDetector.Assess(nights, threshold: 0.80)[^1];

        Assert.Equal(AccuracyVerdict.Regression, last.Verdict);
        Assert.Equal(0.925, last.Mean, 3);
        Assert.Equal(0.025, last.Drop!.Value, 3);
    }

    [Fact]
    public void A_drop_within_three_sigma_of_the_nights_own_trials_is_normal()
    {
        // Trials 0.88, 0.95, 0.95: mean 0.927 (2.3 points down) but σ = 0.040, so 3 σ = 12 points.
        var nights = Steady(10, 0.95).Append(AccuracyNight.Of(Start.AddDays(10), 0.88, 0.95, 0.95)).ToList();

        Assert.Equal(AccuracyVerdict.Normal, AccuracyDetector.Assess(nights, threshold: 0.80)[^1].Verdict);
    }

    [Fact]
    public void Under_one_and_a_half_points_is_never_a_regression_however_quiet_the_trials()
    {
        var nights = Steady(10, 0.95).Append(AccuracyNight.Of(Start.AddDays(10), 0.938, 0.938, 0.938)).ToList();

        var last = AccuracyDetector.Assess(nights, threshold: 0.80)[^1];

        Assert.Equal(AccuracyVerdict.Normal, last.Verdict);
        Assert.Equal(DetectionSettings.Default.AccuracyMinimumDrop, last.RequiredDrop);
    }

    [Fact]
    public void Below_the_threshold_is_the_gates_failure_from_the_first_night_on()
    {
        var nights = new[] { AccuracyNight.Of(Start, 0.79, 0.80, 0.78) }.Concat(Steady(10, 0.95, from: 1)).Append(AccuracyNight.Of(Start.AddDays(11), 0.70)).ToList();

        var verdicts = AccuracyDetector.Assess(nights, threshold: 0.80);

        Assert.Equal(AccuracyVerdict.BelowThreshold, verdicts[0].Verdict);
        Assert.Equal(AccuracyVerdict.BelowThreshold, verdicts[^1].Verdict);
        Assert.NotNull(verdicts[^1].Baseline);
    }

    private static IEnumerable<AccuracyNight> Steady(int nights, double level, int from = 0) =>
        Enumerable.Range(from, nights).Select(i => AccuracyNight.Of(Start.AddDays(i), level - 0.002, level, level + 0.002));
}
