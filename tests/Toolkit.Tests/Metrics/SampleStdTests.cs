using SglangCi.Toolkit.Metrics;

namespace SglangCi.Toolkit.Tests.Metrics;

public sealed class SampleStdTests
{
    [Fact]
    public void Divides_by_n_minus_one_like_numpy_with_ddof_1()
    {
        // np.std([0.905, 0.911, 0.920], ddof=1)
        Assert.Equal(0.007549834, SampleStatistics.SampleStd([0.905, 0.911, 0.920]), 9);
    }

    [Fact]
    public void One_value_has_no_spread_and_none_is_refused()
    {
        Assert.Equal(0, SampleStatistics.SampleStd([0.9]));
        Assert.Throws<ArgumentException>(() => SampleStatistics.SampleStd([]));
    }
}
