using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.Toolkit.Tests.Gsm8k;

public class Gsm8kReportTests
{
    [Fact]
    public void Format_IsBenchSglangOutput()
    {
        var text = Gsm8kReport.Format(new Gsm8kResult(0.95, 0, 45.1234, 1234.5671, 200, 0));

        Assert.Equal("Accuracy: 0.950\nInvalid: 0.000\nLatency: 45.123 s\nOutput throughput: 1234.567 token/s", text);
    }

    [Fact]
    public void Format_ThenParse_RoundTrips()
    {
        // 0.8125 is an exact tie at 3 decimals: Python (and so our formatter) rounds it to even, 0.812.
        var parsed = Gsm8kLogParser.Parse(Gsm8kReport.Format(new Gsm8kResult(0.8125, 0.0026, 12.5, 99.9994, 400, 1)));

        Assert.Equal(new Gsm8kLogResult(0.812, 0.003, 12.5, 99.999), parsed);
    }
}
