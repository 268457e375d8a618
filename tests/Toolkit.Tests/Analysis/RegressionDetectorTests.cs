using SglangCi.Toolkit.Analysis;

namespace SglangCi.Toolkit.Tests.Analysis;

/// <summary>
/// The detector on synthetic series whose right answers are known: a step of known size in seeded noise is a candidate
/// the night it shows and confirmed the next; noise alone, however long, confirms nothing; bimodal noise widens the spread
/// instead of alerting; missing nights neither count nor break a streak; reruns confirm at once; direction and tails matter.
/// </summary>
public sealed class RegressionDetectorTests
{
    private static readonly DateOnly Start = new(2025, 10, 1);

    [Fact]
    public void A_ten_percent_latency_step_is_a_candidate_the_night_it_shows_and_confirmed_the_next()
    {
        var values = Noisy(seed: 1, nights: 40, level: 1000, sigma: 0.01).Select((v, i) => i >= 30 ? v * 1.10 : v).ToArray();

        var verdicts = RegressionDetector.Assess(Series(values), MetricDirection.LowerIsBetter);

        Assert.All(verdicts.Take(5), a => Assert.Equal(NightVerdict.InsufficientHistory, a.Verdict));
        Assert.All(verdicts.Skip(5).Take(25), a => Assert.Equal(NightVerdict.Normal, a.Verdict));
        Assert.Equal(NightVerdict.CandidateRegression, verdicts[30].Verdict);
        Assert.InRange(verdicts[30].RelativeChange!.Value, 0.07, 0.13);
        Assert.True(verdicts[30].Spreads > 3);
        Assert.Equal(NightVerdict.ConfirmedRegression, verdicts[31].Verdict);
        Assert.Equal(Start.AddDays(30), verdicts[31].Since);
    }

    [Fact]
    public void After_a_step_the_baseline_moves_with_it_and_the_alerts_stop()
    {
        var values = Noisy(seed: 2, nights: 70, level: 1000, sigma: 0.01).Select((v, i) => i >= 30 ? v * 1.10 : v).ToArray();

        var verdicts = RegressionDetector.Assess(Series(values), MetricDirection.LowerIsBetter);

        Assert.All(verdicts.Skip(30 + 14), a => Assert.Equal(NightVerdict.Normal, a.Verdict));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Noise_alone_over_a_year_confirms_nothing(int seed)
    {
        var verdicts = RegressionDetector.Assess(Series(Noisy(seed, nights: 365, level: 50, sigma: 0.01)), MetricDirection.LowerIsBetter);

        Assert.DoesNotContain(verdicts, a => a.Verdict is NightVerdict.ConfirmedRegression or NightVerdict.ConfirmedImprovement);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Noise_as_large_as_half_the_minimum_change_confirms_a_few_regressions_a_year_at_most(int seed)
    {
        // σ = 2 %: the 5 % floor is only 2.5 σ, and a 14-night median can sit a σ/3 off, so two unlucky nights in a row do
        // happen: a few times a year, far under the design's target of one false alert a week.
        var verdicts = RegressionDetector.Assess(Series(Noisy(seed, nights: 365, level: 50, sigma: 0.02)), MetricDirection.LowerIsBetter);

        Assert.True(verdicts.Count(a => a.Verdict == NightVerdict.ConfirmedRegression) <= 3,
            string.Join("\n", verdicts.Where(a => a.IsRegression).Select(a => $"{a.Night} {a.Verdict} {a.RelativeChange:P1} {a.Spreads:0.0}σ")));
    }

    [Fact]
    public void Bimodal_noise_widens_the_spread_instead_of_alerting_and_a_real_step_still_shows()
    {
        // Two machines' worth of levels, 6 % apart, in no particular order: each jump is noise, not a regression.
        var random = new Random(6);
        var values = Enumerable.Range(0, 60).Select(i => (random.Next(2) == 0 ? 1000.0 : 1060.0) * (i >= 45 ? 1.25 : 1.0)).ToArray();

        var verdicts = RegressionDetector.Assess(Series(values), MetricDirection.LowerIsBetter);

        Assert.All(verdicts.Skip(5).Take(40), a => Assert.False(a.IsRegression, $"{a.Night}: {a.Verdict} ({a.RelativeChange:P1})"));
        Assert.True(verdicts[45].IsRegression);
        Assert.Equal(NightVerdict.ConfirmedRegression, verdicts[46].Verdict);
    }

    [Fact]
    public void Missing_nights_are_marked_and_neither_count_in_the_baseline_nor_break_a_streak()
    {
        var nights = Series(Noisy(seed: 7, nights: 30, level: 200, sigma: 0.01));
        nights[10] = new SeriesNight(nights[10].Night, []);
        nights.Add(SeriesNight.Of(Start.AddDays(30), 240));
        nights.Add(new SeriesNight(Start.AddDays(31), []));
        nights.Add(SeriesNight.Of(Start.AddDays(32), 241));

        var verdicts = RegressionDetector.Assess(nights, MetricDirection.LowerIsBetter);

        Assert.Equal(NightVerdict.Missing, verdicts[10].Verdict);
        Assert.Null(verdicts[10].Value);
        Assert.Equal(NightVerdict.CandidateRegression, verdicts[30].Verdict);
        Assert.Equal(NightVerdict.Missing, verdicts[31].Verdict);
        Assert.Equal(NightVerdict.ConfirmedRegression, verdicts[32].Verdict);
        Assert.Equal(Start.AddDays(30), verdicts[32].Since);
    }

    [Fact]
    public void A_same_night_rerun_that_agrees_confirms_at_once_and_one_that_does_not_leaves_a_candidate()
    {
        var history = Noisy(seed: 8, nights: 20, level: 100, sigma: 0.01);
        List<SeriesNight> agreeing = [.. Series(history), SeriesNight.Of(Start.AddDays(20), 115, 116)];
        List<SeriesNight> disagreeing = [.. Series(history), SeriesNight.Of(Start.AddDays(20), 115, 100.5, 116)];

        Assert.Equal(NightVerdict.ConfirmedRegression, RegressionDetector.Assess(agreeing, MetricDirection.LowerIsBetter)[^1].Verdict);
        Assert.Equal(NightVerdict.CandidateRegression, RegressionDetector.Assess(disagreeing, MetricDirection.LowerIsBetter)[^1].Verdict);
    }

    [Fact]
    public void Throughput_falling_is_the_regression_and_rising_the_improvement()
    {
        var history = Noisy(seed: 9, nights: 20, level: 5000, sigma: 0.01);

        var falling = RegressionDetector.Assess(Series([.. history, 4400, 4420]), MetricDirection.HigherIsBetter);
        var rising = RegressionDetector.Assess(Series([.. history, 5600, 5620]), MetricDirection.HigherIsBetter);

        Assert.Equal([NightVerdict.CandidateRegression, NightVerdict.ConfirmedRegression], falling.TakeLast(2).Select(a => a.Verdict));
        Assert.True(falling[^1].RelativeChange > 0.1, "a fall in throughput reads as worse (positive)");
        Assert.Equal([NightVerdict.CandidateImprovement, NightVerdict.ConfirmedImprovement], rising.TakeLast(2).Select(a => a.Verdict));
    }

    [Fact]
    public void A_quiet_series_needs_the_minimum_change_and_a_tail_needs_the_larger_one()
    {
        // Nearly no noise: 3 spreads is tiny, so only the relative minimum keeps a 7 % move of a p99 from alerting.
        var history = Enumerable.Range(0, 20).Select(i => 1000 + (i % 3)).Select(v => (double)v).ToArray();

        var median = RegressionDetector.Assess(Series([.. history, 1070]), MetricDirection.LowerIsBetter);
        var p99 = RegressionDetector.Assess(Series([.. history, 1070]), MetricDirection.LowerIsBetter, tail: true);
        var small = RegressionDetector.Assess(Series([.. history, 1030]), MetricDirection.LowerIsBetter);

        Assert.Equal(NightVerdict.CandidateRegression, median[^1].Verdict);
        Assert.Equal(NightVerdict.Normal, p99[^1].Verdict);
        Assert.Equal(NightVerdict.Normal, small[^1].Verdict);
    }

    [Fact]
    public void Thresholds_are_configuration()
    {
        var history = Noisy(seed: 10, nights: 20, level: 100, sigma: 0.01);
        var strict = new DetectionSettings { MinimumChange = 0.20 };
        var shortMemory = new DetectionSettings { MinimumBaselineNights = 3, BaselineNights = 3 };

        Assert.Equal(NightVerdict.Normal, RegressionDetector.Assess(Series([.. history, 112]), MetricDirection.LowerIsBetter, settings: strict)[^1].Verdict);
        Assert.Equal(NightVerdict.Normal, RegressionDetector.Assess(Series([100, 101, 99, 102]), MetricDirection.LowerIsBetter, settings: shortMemory)[^1].Verdict);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            RegressionDetector.Assess(Series(history), MetricDirection.LowerIsBetter, settings: new DetectionSettings { BaselineNights = 2 }));
    }

    [Fact]
    public void Nights_out_of_order_are_refused_naming_them()
    {
        var nights = new[] { SeriesNight.Of(Start.AddDays(1), 1), SeriesNight.Of(Start, 1) };

        var error = Assert.Throws<ArgumentException>(() => RegressionDetector.Assess(nights, MetricDirection.LowerIsBetter));

        Assert.Contains("2025-10-01 follows 2025-10-02", error.Message, StringComparison.Ordinal);
    }

    private static List<SeriesNight> Series(IEnumerable<double> values) =>
        [.. values.Select((v, i) => SeriesNight.Of(Start.AddDays(i), v))];

    /// <summary>Normal noise of relative size <paramref name="sigma"/> around <paramref name="level"/>, seeded (Box–Muller).</summary>
    private static double[] Noisy(int seed, int nights, double level, double sigma)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, nights).Select(_ =>
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return level * (1 + (sigma * gaussian));
        })];
    }
}
