using SglangCi.Toolkit.Text;

namespace SglangCi.Toolkit.Tests.Text;

public class PythonFormatTests
{
    [Theory]
    [InlineData(0.8125, 3, "0.812")]     // exact tie: Python rounds half to even
    [InlineData(0.8135, 3, "0.814")]     // not an exact tie in binary (0.81350000000000000088…)
    [InlineData(0.125, 2, "0.12")]
    [InlineData(0.375, 2, "0.38")]
    [InlineData(2.5, 0, "2")]
    [InlineData(1.005, 2, "1.00")]       // binary value is 1.00499999999999989…
    [InlineData(353.98, 2, "353.98")]
    [InlineData(0.0, 3, "0.000")]
    [InlineData(-0.001, 2, "-0.00")]
    [InlineData(1234.5671, 3, "1234.567")]
    [InlineData(1e20, 2, "100000000000000000000.00")]
    public void Fixed_MatchesPython(double value, int decimals, string expected)
    {
        Assert.Equal(expected, PythonFormat.Fixed(value, decimals));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(2.0, "2.0")]
    [InlineData(0.5, "0.5")]
    [InlineData(16, "16.0")]
    public void FloatRepr_MatchesPythonStr(double value, string expected)
    {
        Assert.Equal(expected, PythonFormat.FloatRepr(value));
    }

    [Theory]
    [InlineData("Time to First Token", "---------------Time to First Token----------------")]
    [InlineData("End-to-End Latency", "----------------End-to-End Latency----------------")]
    [InlineData("Time per Output Token (excl. 1st token)", "-----Time per Output Token (excl. 1st token)------")]
    public void Center_PutsOddFillOnTheRight(string title, string expected)
    {
        Assert.Equal(expected, PythonFormat.Center(title, 50, '-'));
    }
}
