using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Tests.LoadGeneration;

/// <summary>Parses real bench_serving client logs captured by the seed CI (values read from the files by hand).</summary>
public class BenchServingLogParserTests
{
    private const string DeepSeekNov10 =
        "mi30x/DeepSeek-V3-0324/v0.5.5-rocm630-mi30x-20251110_DeepSeek-V3-0324_FP8_online/sglang_serving_benchmark_concurrency_64_run1_20251110_142622.log";

    private const string DeepSeekDec09 =
        "mi30x/DeepSeek-V3-0324/v0.5.6.post1-rocm700-mi30x-20251209_DeepSeek-V3-0324_FP8_online/sglang_serving_benchmark_concurrency_64_run1_20251209_153139.log";

    private const string Grok1Rate2 =
        "mi30x/GROK1/v0.5.5.post3-rocm700-mi30x-20251202_GROK1_MOE-I4F8_online/sglang_client_log_GROK1_aiter_2_run1_20251202_192132.log";

    private static string ReadLog(string relative) => File.ReadAllText(TestPaths.SeedFile(Path.Combine("online_benchmark_log", relative)));

    [Fact]
    public void DeepSeek_Nov10_NoTpotSection()
    {
        var s = BenchServingLogParser.Parse(ReadLog(DeepSeekNov10));

        Assert.NotNull(s);
        Assert.Equal("sglang", s.Backend);
        Assert.Equal(double.PositiveInfinity, s.RequestRate);
        Assert.Equal(64, s.MaxConcurrency);
        Assert.Equal(500, s.SuccessfulRequests);
        Assert.Equal(353.98, s.DurationSeconds);
        Assert.Equal(1600000, s.TotalInputTokens);
        Assert.Equal(1600000, s.TotalInputTextTokens);
        Assert.Equal(0, s.TotalInputVisionTokens);
        Assert.Equal(400000, s.TotalGeneratedTokens);
        Assert.Equal(398204, s.TotalGeneratedTokensRetokenized);
        Assert.Equal(1.41, s.RequestThroughput);
        Assert.Equal(4520.03, s.InputTokenThroughput);
        Assert.Equal(1130.01, s.OutputTokenThroughput);
        Assert.Equal(5650.04, s.TotalTokenThroughput);
        Assert.Equal(62.58, s.Concurrency);
        Assert.Equal(44303.84, s.MeanE2eMs);
        Assert.Equal(44665.36, s.MedianE2eMs);
        Assert.Equal(5768.72, s.MeanTtftMs);
        Assert.Equal(6040.17, s.MedianTtftMs);
        Assert.Equal(10636.12, s.P99TtftMs);
        Assert.Equal(48.23, s.MeanItlMs);
        Assert.Equal(42.87, s.MedianItlMs);
        Assert.Equal(43.58, s.P95ItlMs);
        Assert.Equal(46.17, s.P99ItlMs);
        Assert.Equal(10225.77, s.MaxItlMs);
        Assert.Null(s.MeanTpotMs);
        Assert.Null(s.PeakOutputTokenThroughput);
        Assert.Null(s.P90E2eMs);
        Assert.Null(s.AcceptLength);
        Assert.Equal("64", s.Values["Max request concurrency"]);
    }

    [Fact]
    public void DeepSeek_Dec09_PeakAndTpotLines()
    {
        var s = BenchServingLogParser.Parse(ReadLog(DeepSeekDec09));

        Assert.NotNull(s);
        Assert.Equal(826.21, s.DurationSeconds);
        Assert.Equal(1280.00, s.PeakOutputTokenThroughput);
        Assert.Equal(128, s.PeakConcurrentRequests);
        Assert.Equal(62.41, s.Concurrency);
        Assert.Equal(103132.47, s.MeanE2eMs);
        Assert.Equal(115.73, s.MeanTpotMs);
        Assert.Equal(127.76, s.MedianTpotMs);
        Assert.Equal(146.66, s.P99TpotMs);
        Assert.Equal(19973.64, s.MaxItlMs);
    }

    [Fact]
    public void Grok_RequestRate_And_NotSetConcurrency()
    {
        var s = BenchServingLogParser.Parse(ReadLog(Grok1Rate2));

        Assert.NotNull(s);
        Assert.Equal(2.0, s.RequestRate);
        Assert.Null(s.MaxConcurrency);
        Assert.Equal("not set", s.Values["Max request concurrency"]);
        Assert.Equal(600, s.SuccessfulRequests);
        Assert.Equal(308748, s.TotalInputTokens);
        Assert.Equal(317903, s.TotalGeneratedTokensRetokenized);
        Assert.Equal(185.30, s.MeanTtftMs);
        Assert.Equal(423.19, s.P99TtftMs);
        Assert.Equal(43.63, s.MeanTpotMs);
        Assert.Equal(658.10, s.MaxItlMs);
    }

    [Fact]
    public void Formatter_ReproducesRealBlockByteForByte()
    {
        // Formatting the parsed numbers must give back the exact block SGLang printed (padding included).
        var log = ReadLog(Grok1Rate2).Replace("\r", "\n", StringComparison.Ordinal);
        var start = log.IndexOf("============ Serving Benchmark Result", StringComparison.Ordinal);
        var end = log.IndexOf(new string('=', 50), start + 60, StringComparison.Ordinal) + 50;
        var original = log[start..end] + "\n";

        var formatted = BenchServingReportFormatter.Format(BenchServingLogParser.Parse(log)!);

        Assert.Equal(original, formatted);
    }

    [Fact]
    public void AllRealClientLogs_ParseWithCoreFields()
    {
        var files = Directory.EnumerateFiles(TestPaths.OnlineBenchmarkLogs, "*.log", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith("timing_summary", StringComparison.Ordinal))
            .ToList();
        var parsed = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (!text.Contains("=== Serving Benchmark Result ===", StringComparison.Ordinal))
            {
                continue;
            }

            var s = BenchServingLogParser.Parse(text);
            Assert.True(s is { SuccessfulRequests: > 0, DurationSeconds: > 0, MeanE2eMs: > 0, MeanTtftMs: > 0, Backend: "sglang" }, file);
            parsed++;
        }

        Assert.True(parsed > 1000, $"only {parsed} real blocks parsed");
    }

    [Fact]
    public void TimingSummaryHeading_IsNotABlock()
    {
        Assert.Null(BenchServingLogParser.Parse("Serving Benchmark Results:\n  Concurrency 64, Run 1: 539 seconds\n"));
    }

    [Fact]
    public void TruncatedBlock_KeepsWhatWasPrinted()
    {
        var s = BenchServingLogParser.Parse("============ Serving Benchmark Result ============\nBackend:       sglang   \nSuccessful requests:    12   \n");

        Assert.NotNull(s);
        Assert.Equal(12, s.SuccessfulRequests);
        Assert.Null(s.DurationSeconds);
    }

    [Fact]
    public void ParseAll_ReturnsEveryBlock_ParseTheLast()
    {
        var block1 = "============ Serving Benchmark Result ============\nSuccessful requests:                     1         \n" + new string('=', 50) + "\n";
        var block2 = block1.Replace("1         ", "2         ", StringComparison.Ordinal);

        Assert.Equal([1, 2], BenchServingLogParser.ParseAll(block1 + "noise\n" + block2).Select(b => b.SuccessfulRequests!.Value));
        Assert.Equal(2, BenchServingLogParser.Parse(block1 + block2)!.SuccessfulRequests);
    }
}
