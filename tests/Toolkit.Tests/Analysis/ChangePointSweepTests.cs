using SglangCi.Toolkit.Analysis;

namespace SglangCi.Toolkit.Tests.Analysis;

/// <summary>The weekly sweep on series with known answers: one point at a step, a drift the nightly detector misses,
/// nothing in noise.</summary>
public sealed class ChangePointSweepTests
{
    private static readonly DateOnly Start = new(2025, 10, 1);

    [Fact]
    public void A_step_gives_one_change_point_on_its_night()
    {
        var values = Noise(seed: 1, nights: 50, level: 100, sigma: 0.01).Select((v, i) => i >= 25 ? v * 1.08 : v);

        var point = Assert.Single(ChangePointSweep.Find(Series(values), MetricDirection.LowerIsBetter));

        Assert.Equal(Start.AddDays(25), point.Night);
        Assert.InRange(point.RelativeChange, 0.06, 0.10);
    }

    [Fact]
    public void A_slow_drift_the_nightly_detector_absorbs_is_found_by_the_sweep()
    {
        // +0.6 % a night for 30 nights, after 20 flat ones: each night is close to the ones before.
        var values = Noise(seed: 2, nights: 70, level: 100, sigma: 0.005).Select((v, i) => v * (1 + (0.006 * Math.Clamp(i - 20, 0, 30)))).ToArray();
        var series = Series(values);

        var nightly = RegressionDetector.Assess(series, MetricDirection.LowerIsBetter);
        var sweep = ChangePointSweep.Find(series, MetricDirection.LowerIsBetter);

        Assert.DoesNotContain(nightly, a => a.Verdict == NightVerdict.ConfirmedRegression);
        Assert.NotEmpty(sweep);
        Assert.All(sweep, p => Assert.InRange(p.Night, Start.AddDays(20), Start.AddDays(50)));
        Assert.All(sweep, p => Assert.True(p.RelativeChange > 0));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Noise_has_no_change_points(int seed)
    {
        Assert.Empty(ChangePointSweep.Find(Series(Noise(seed, nights: 200, level: 100, sigma: 0.01)), MetricDirection.LowerIsBetter));
    }

    private static List<SeriesNight> Series(IEnumerable<double> values) =>
        [.. values.Select((v, i) => SeriesNight.Of(Start.AddDays(i), v))];

    private static double[] Noise(int seed, int nights, double level, double sigma)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, nights).Select(_ =>
            level * (1 + (sigma * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))))];
    }
}
