using SglangCi.Toolkit.Metrics;

namespace SglangCi.Toolkit.Tests.Metrics;

public class SampleStatisticsTests
{
    [Fact]
    public void Summarize_OneToFour_MatchesNumpy()
    {
        // numpy: mean 2.5; median 2.5; std (ddof=0) = sqrt((2.25+0.25+0.25+2.25)/4) = sqrt(1.25) = 1.118034;
        // percentile rank = (n-1)*p/100: p90 -> 2.7 -> 3+0.7*1 = 3.7; p95 -> 2.85 -> 3.85; p99 -> 2.97 -> 3.97.
        var s = SampleStatistics.Summarize([4, 1, 3, 2]);

        Assert.Equal(2.5, s.Mean!.Value, 9);
        Assert.Equal(2.5, s.Median!.Value, 9);
        Assert.Equal(1.118034, s.Std!.Value, 6);
        Assert.Equal(3.7, s.P90!.Value, 9);
        Assert.Equal(3.85, s.P95!.Value, 9);
        Assert.Equal(3.97, s.P99!.Value, 9);
        Assert.Equal(4, s.Max);
        Assert.Equal(4, s.Count);
    }

    [Fact]
    public void Summarize_AppliesScaleBeforeStatistics()
    {
        // Seconds to milliseconds: [0.1, 0.3] -> [100, 300]; mean 200, std 100, p99 rank 0.99 -> 100+0.99*200 = 298.
        var s = SampleStatistics.Summarize([0.3, 0.1], 1000);

        Assert.Equal(200, s.Mean!.Value, 9);
        Assert.Equal(100, s.Std!.Value, 9);
        Assert.Equal(298, s.P99!.Value, 9);
        Assert.Equal(300, s.Max!.Value, 9);
    }

    [Fact]
    public void Summarize_Empty_IsEmpty()
    {
        Assert.Same(MetricSummary.Empty, SampleStatistics.Summarize([]));
    }

    [Fact]
    public void Summarize_SingleValue_AllStatisticsAreThatValue()
    {
        var s = SampleStatistics.Summarize([7.5]);

        Assert.Equal(new MetricSummary(7.5, 7.5, 0, 7.5, 7.5, 7.5, 7.5, 1), s);
    }

    [Fact]
    public void Median_OddCount_IsMiddleValue()
    {
        Assert.Equal(3, SampleStatistics.Median([5, 1, 3]));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(100, 40)]
    [InlineData(50, 25)]
    [InlineData(25, 17.5)] // rank 0.75 -> 10 + 0.75*(20-10)
    public void Percentile_LinearInterpolation(double percent, double expected)
    {
        Assert.Equal(expected, SampleStatistics.Percentile([40, 10, 30, 20], percent), 9);
    }

    [Fact]
    public void Percentile_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleStatistics.Percentile([1, 2], 101));
    }

    [Fact]
    public void Mean_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => SampleStatistics.Mean([]));
    }
}
