using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.Toolkit.Tests.Gsm8k;

/// <summary>Parses real GSM8K client logs from the seed CI (expected values read from the files by hand).</summary>
public class Gsm8kLogParserTests
{
    [Fact]
    public void SanityCheckClientLog_SingleRunAfterProgressBar()
    {
        var text = File.ReadAllText(TestPaths.SeedFile(
            "test/sanity_check_log/mi30x/v0.5.4.post2-rocm700-mi30x-20251101/GROK1-IN4_mi30x_client_try1.log"));

        Assert.Equal(new Gsm8kLogResult(0.815, 0.001, 27.409, 6944.357), Gsm8kLogParser.Parse(text));
    }

    [Fact]
    public void OnlineGateLog_FiveRuns_WrapperLinesIgnored()
    {
        var text = File.ReadAllText(TestPaths.SeedFile(
            "online_benchmark_log/mi30x/GROK1/v0.5.6-rocm700-mi30x-20251206_GROK1_MOE-I4F8_online/sglang_client_log_GROK1_gsm8k_aiter.log"));

        var runs = Gsm8kLogParser.ParseRuns(text);

        // "Run 1: Accuracy: 0.816" and "Average Accuracy over 5 valid runs ..." are the CI script's lines, not runs.
        Assert.Equal([0.816, 0.818, 0.815, 0.813, 0.810], runs.Select(r => r.Accuracy!.Value));
        Assert.Equal(new Gsm8kLogResult(0.816, 0.001, 28.211, 6730.645), runs[0]);
        Assert.Equal(new Gsm8kLogResult(0.810, 0.001, 25.240, 7472.226), Gsm8kLogParser.Parse(text));
    }

    [Fact]
    public void DeepSeekGateLog_LastRun()
    {
        var text = File.ReadAllText(TestPaths.SeedFile(
            "online_benchmark_log/mi30x/DeepSeek-V3-0324/v0.5.5-rocm630-mi30x-20251110_DeepSeek-V3-0324_FP8_online/sglang_client_log_DeepSeek-V3-0324_gsm8k.log"));

        var runs = Gsm8kLogParser.ParseRuns(text);

        Assert.Equal(5, runs.Count);
        Assert.Equal(new Gsm8kLogResult(0.938, 0.000, 80.216, 1679.308), runs[1]);
    }

    [Fact]
    public void AllRealLogsWithAccuracyLines_Parse()
    {
        var files = Directory.EnumerateFiles(TestPaths.SeedHistory, "*.log", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).Contains("client", StringComparison.Ordinal))
            .ToList();
        var parsed = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (!text.Contains("\nAccuracy: ", StringComparison.Ordinal) && !text.Contains("\rAccuracy: ", StringComparison.Ordinal))
            {
                continue;
            }

            var result = Gsm8kLogParser.Parse(text);
            Assert.True(result.Accuracy is >= 0 and <= 1, file);
            parsed++;
        }

        Assert.True(parsed > 500, $"only {parsed} real GSM8K logs parsed");
    }

    [Fact]
    public void InvalidRateVariant_AndMissingLines()
    {
        var result = Gsm8kLogParser.Parse("Accuracy: 0.5\nInvalid rate: 0.25\n");

        Assert.Equal(new Gsm8kLogResult(0.5, 0.25, null, null), result);
    }

    [Fact]
    public void Nothing_GivesNullFields()
    {
        Assert.Equal(Gsm8kLogResult.Empty, Gsm8kLogParser.Parse("server crashed\n"));
        Assert.Empty(Gsm8kLogParser.ParseRuns("Accuracy: 0.9 (Required: 0.93)\n"));
    }
}
