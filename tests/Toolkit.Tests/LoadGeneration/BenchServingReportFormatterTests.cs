using SglangCi.Toolkit.LoadGeneration;
using SglangCi.Toolkit.Metrics;

namespace SglangCi.Toolkit.Tests.LoadGeneration;

public class BenchServingReportFormatterTests
{
    private static readonly LoadGeneratorOptions Options =
        new(new Uri("http://127.0.0.1:30000"), "m", 3, 128, 32, 1.0, double.PositiveInfinity, MaxConcurrency: null);

    private static BenchmarkReport Report() => BenchmarkAggregator.Aggregate(
        [
            new RequestResult(true, 10, 4, 0.1, 0.4, [0.1, 0.1, 0.1], null),
            new RequestResult(true, 20, 2, 0.3, 0.5, [0.2], null),
        ],
        2.0);

    [Fact]
    public void Format_HasExactHeaderSeparatorsAndPadding()
    {
        var text = BenchServingReportFormatter.Format(Report(), Options);
        var lines = text.Split('\n');

        Assert.Equal("============ Serving Benchmark Result ============", lines[0]);
        Assert.Equal("Backend:                                 sglang-oai", lines[1]);
        Assert.Equal("Traffic request rate:                    inf       ", lines[2]);
        Assert.Equal("Max request concurrency:                 not set   ", lines[3]);
        Assert.Equal("Successful requests:                     2         ", lines[4]);
        Assert.Equal("Benchmark duration (s):                  2.00      ", lines[5]);
        Assert.Contains("----------------End-to-End Latency----------------", lines);
        Assert.Contains("---------------Time to First Token----------------", lines);
        Assert.Contains("-----Time per Output Token (excl. 1st token)------", lines);
        Assert.Contains("---------------Inter-Token Latency----------------", lines);
        Assert.Contains("Mean TTFT (ms):                          200.00    ", lines);  // (100+300)/2
        Assert.Contains("Mean TPOT (ms):                          150.00    ", lines);  // (100+200)/2
        Assert.Contains("Concurrency:                             0.45      ", lines);  // (0.4+0.5)/2
        Assert.Equal(new string('=', 50), lines[^2]);
        Assert.Equal(string.Empty, lines[^1]);
        Assert.All(lines.Where(l => l.Length > 0), l => Assert.True(l.Length >= 50, l));
    }

    [Fact]
    public void Format_ThenParse_RoundTrips()
    {
        var report = Report();
        var options = Options with { RequestRate = 4, MaxConcurrency = 16 };

        var parsed = BenchServingLogParser.Parse(BenchServingReportFormatter.Format(report, options));

        Assert.NotNull(parsed);
        Assert.Equal(4.0, parsed.RequestRate);
        Assert.Equal("4.0", parsed.Values["Traffic request rate"]);
        Assert.Equal(16, parsed.MaxConcurrency);
        Assert.Equal(report.Completed, parsed.SuccessfulRequests);
        Assert.Equal(report.TotalOutputTokens, parsed.TotalGeneratedTokens);
        Assert.Equal(Math.Round(report.E2eMs.P90!.Value, 2), parsed.P90E2eMs);
        Assert.Equal(Math.Round(report.ItlMs.Max!.Value, 2), parsed.MaxItlMs);
    }

    [Fact]
    public void Format_EmptyMetrics_PrintZeroLikeBenchServing()
    {
        var report = BenchmarkAggregator.Aggregate([], 1.0);

        var text = BenchServingReportFormatter.Format(report, Options);

        Assert.Equal(MetricSummary.Empty, report.TtftMs);
        Assert.Contains("Mean TTFT (ms):                          0.00      \n", text, StringComparison.Ordinal);
    }
}
