using SglangCi.Toolkit.Analysis;

namespace SglangCi.Toolkit.Tests.Analysis;

/// <summary>The two-proportion z-test against values worked by hand (and by scipy's norm.sf).</summary>
public sealed class TwoProportionTestTests
{
    [Fact]
    public void Eighty_against_seventy_of_a_hundred_is_not_significant()
    {
        // pooled 0.75, se = sqrt(0.75·0.25·0.02) = 0.06124, z = −1.633, p = 0.1025
        var result = TwoProportionTest.Compare(80, 100, 70, 100);

        Assert.Equal(-0.10, result.Difference, 6);
        Assert.Equal(-1.633, result.Z, 3);
        Assert.Equal(0.1025, result.PValue, 3);
        Assert.False(result.Significant);
    }

    [Fact]
    public void A_three_point_drop_on_the_full_gsm8k_set_is_significant()
    {
        // 1,253 vs 1,213 of 1,319 (95.0 % vs 92.0 %): z = −3.17, p = 0.0015
        var result = TwoProportionTest.Compare(1253, 1319, 1213, 1319);

        Assert.True(result.Significant);
        Assert.InRange(result.Z, -3.2, -3.1);
        Assert.InRange(result.PValue, 0.001, 0.002);
    }

    [Fact]
    public void Identical_or_perfect_runs_are_not_different()
    {
        Assert.Equal(1.0, TwoProportionTest.Compare(200, 200, 200, 200).PValue);
        Assert.Equal(1.0, TwoProportionTest.Compare(150, 200, 150, 200).PValue, 6);
    }

    [Fact]
    public void Impossible_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoProportionTest.Compare(201, 200, 1, 200));
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoProportionTest.Compare(1, 0, 1, 200));
    }
}
