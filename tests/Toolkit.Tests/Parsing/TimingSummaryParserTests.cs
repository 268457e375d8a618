using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.TimingSummary;

namespace SglangCi.Toolkit.Tests.Parsing;

public sealed class TimingSummaryParserTests
{
    [Fact]
    public void Real_deepseek_benchmark_summary()
    {
        var r = TimingSummaryParser.ParseFile(TestPaths.SeedFile(
            "online_benchmark_log/mi30x/DeepSeek-V3-0324/v0.5.5-rocm630-mi30x-20251110_DeepSeek-V3-0324_FP8_online/timing_summary_20251110_141533.log"));
        Assert.Equal("benchmark", r.Kind);
        Assert.Equal(0.938, r.Gsm8kAccuracy);
        Assert.Equal(5, r.Points.Count);
        var c128 = r.Points[0];
        Assert.Equal("Concurrency 128", c128.Load);
        Assert.Equal(62430.65, c128.E2eMs);
        Assert.Equal(11035.31, c128.TtftMs);
        Assert.Equal(51.91, c128.ItlMs);
        Assert.Equal(44665.36, r.Points[1].E2eMs); // the same number as the concurrency-64 client log's median E2E
    }

    [Fact]
    public void Real_sanity_summary()
    {
        var r = TimingSummaryParser.ParseFile(TestPaths.SeedFile("test/sanity_check_log/mi30x/v0.5.4.post2-rocm700-mi30x-20251101/timing_summary_20251101_094043.log"));
        Assert.Equal("sanity", r.Kind);
        var gptOss = r.Models[0];
        Assert.Equal("GPT-OSS-120B", gptOss.Model);
        Assert.Equal([0.860, 0.855, 0.851], gptOss.TrialAccuracies);
        Assert.True(gptOss.Passed);
        Assert.Equal(0.860, gptOss.HighestAccuracy);
        Assert.Equal(0.820, gptOss.RequiredAccuracy);
        Assert.Equal([0.496, 0.527, 0.502], r.Models[1].TrialAccuracies);
    }

    [Fact]
    public void Na_values_are_null_and_header_only_is_no_result()
    {
        var r = TimingSummaryParser.Read("Performance Summary:\nRequest Rate 16:\n  E2E Latency: N/A ms\n  TTFT: N/A ms\n  ITL: N/A ms\n");
        Assert.Null(Assert.Single(r.Points).E2eMs);
        Assert.False(r.HasResult);
        var e = Assert.Throws<OutputParseException>(() => TimingSummaryParser.Parse("TIMING SUMMARY LOG\n==================\n", "t.log"));
        Assert.StartsWith("t.log: expected a seed timing summary with a result", e.Message, StringComparison.Ordinal);
    }
}
