using System.Text.Json;
using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Tests.LoadGeneration;

/// <summary>Our own JSON: camelCase, a run point's shape, goodput and an error summary.</summary>
public class BenchmarkResultJsonTests
{
    [Fact]
    public void Concurrency_point_with_goodput_and_errors()
    {
        var options = new LoadGeneratorOptions(new Uri("http://x"), null, 3, 100, 10, 1, double.PositiveInfinity, 8)
        {
            Backend = BenchmarkBackend.OpenAiChat,
            Goodput = new GoodputSlos(TtftMs: 60),
        };
        var report = BenchServingJsonlTests.SampleReport(goodput: 0.5);

        using var doc = JsonDocument.Parse(BenchmarkResultJson.From(report, options).Serialize());
        var root = doc.RootElement;

        Assert.Equal("sglang-oai-chat", root.GetProperty("backend").GetString());
        Assert.Equal("concurrency", root.GetProperty("loadKind").GetString());
        Assert.Equal(8, root.GetProperty("load").GetDouble());
        Assert.Equal("inf", root.GetProperty("requestRate").GetString());
        Assert.Equal(2, root.GetProperty("completed").GetInt32());
        Assert.Equal(1, root.GetProperty("failed").GetInt32());
        Assert.Equal(2.0, root.GetProperty("durationS").GetDouble());
        foreach (var metric in new[] { "ttftMs", "itlMs", "tpotMs", "e2eMs" })
        {
            var stats = root.GetProperty(metric);
            foreach (var stat in new[] { "mean", "median", "p90", "p95", "p99", "std", "max" })
            {
                Assert.True(stats.TryGetProperty(stat, out _), $"{metric}.{stat}");
            }
        }

        var goodput = root.GetProperty("goodput");
        Assert.Equal(60, goodput.GetProperty("ttftMs").GetDouble());
        Assert.Equal(JsonValueKind.Null, goodput.GetProperty("tpotMs").ValueKind);
        Assert.Equal(1, goodput.GetProperty("goodRequests").GetInt32()); // ttft 50 ms meets 60, 70 ms does not
        Assert.Equal(0.5, goodput.GetProperty("requestGoodput").GetDouble());
        var errors = root.GetProperty("errors");
        Assert.Equal(1, errors.GetProperty("count").GetInt32());
        Assert.Equal("HTTP 500", errors.GetProperty("reasons")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public void Rate_point_without_slos()
    {
        var options = new LoadGeneratorOptions(new Uri("http://x"), null, 3, 100, 10, 1, 4, null);

        using var doc = JsonDocument.Parse(BenchmarkResultJson.From(BenchServingJsonlTests.SampleReport(), options).Serialize());

        Assert.Equal("rate", doc.RootElement.GetProperty("loadKind").GetString());
        Assert.Equal(4, doc.RootElement.GetProperty("load").GetDouble());
        Assert.Equal(4, doc.RootElement.GetProperty("requestRate").GetDouble());
        Assert.Equal("sglang-oai", doc.RootElement.GetProperty("backend").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("goodput").ValueKind);
    }

    [Fact]
    public void Summary_block_prints_vllm_goodput_line_after_request_throughput_only_with_slos()
    {
        var options = BenchServingJsonlTests.SampleOptions();
        var with = BenchServingReportFormatter.Format(BenchServingSummary.FromReport(BenchServingJsonlTests.SampleReport(goodput: 0.5), options, "sglang"));
        var without = BenchServingReportFormatter.Format(BenchServingSummary.FromReport(BenchServingJsonlTests.SampleReport(), options, "sglang"));

        var lines = with.Split('\n');
        var throughput = Array.FindIndex(lines, l => l.StartsWith("Request throughput (req/s):", StringComparison.Ordinal));
        Assert.Equal("Request goodput (req/s):                 0.50      ", lines[throughput + 1]);
        Assert.DoesNotContain("goodput", without, StringComparison.Ordinal);
        Assert.Equal(0.5, BenchServingLogParser.Parse(with)!.RequestGoodput);
    }
}
