using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Tests.LoadGeneration;

public class ArrivalScheduleTests
{
    [Fact]
    public void InfiniteRate_SendsEverythingAtZero()
    {
        Assert.All(ArrivalSchedule.OffsetsSeconds(100, double.PositiveInfinity, new Random(1)), o => Assert.Equal(0, o));
    }

    [Fact]
    public void PoissonGaps_HaveMeanOneOverRate()
    {
        const double rate = 4.0;
        var offsets = ArrivalSchedule.OffsetsSeconds(20001, rate, new Random(1));
        var gaps = offsets.Zip(offsets.Skip(1), (a, b) => b - a).ToArray();

        Assert.Equal(0, offsets[0]);
        Assert.All(gaps, g => Assert.True(g >= 0));
        // 20000 exponential gaps: the standard error of the mean is 0.25/sqrt(20000) ≈ 0.0018, so ±0.01 is > 5 sigma.
        Assert.InRange(gaps.Average(), 0.24, 0.26);
        // Exponential: the standard deviation equals the mean.
        var mean = gaps.Average();
        var std = Math.Sqrt(gaps.Select(g => (g - mean) * (g - mean)).Average());
        Assert.InRange(std, 0.23, 0.27);
    }

    [Fact]
    public void SameSeed_SameSchedule()
    {
        Assert.Equal(ArrivalSchedule.OffsetsSeconds(50, 2, new Random(9)), ArrivalSchedule.OffsetsSeconds(50, 2, new Random(9)));
    }

    [Fact]
    public void NonPositiveRate_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ArrivalSchedule.OffsetsSeconds(5, 0, new Random(1)));
    }
}
