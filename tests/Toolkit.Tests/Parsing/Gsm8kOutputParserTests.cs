using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.Gsm8k;

namespace SglangCi.Toolkit.Tests.Parsing;

public sealed class Gsm8kOutputParserTests
{
    private const string Grok1Gate = "online_benchmark_log/mi30x/GROK1/v0.5.6-rocm700-mi30x-20251206_GROK1_MOE-I4F8_online/sglang_client_log_GROK1_gsm8k_aiter.log";

    [Fact]
    public void Real_gate_log_gives_every_run_and_the_last_values()
    {
        var runs = Gsm8kOutputParser.ParseFile(TestPaths.SeedFile(Grok1Gate));
        Assert.Equal(5, runs.Count);
        var last = runs[^1];
        Assert.Equal(0.810, last.Accuracy);
        Assert.Equal(0.001, last.Invalid);
        Assert.Equal(25.240, last.LatencySeconds);
        Assert.Equal(7472.226, last.OutputThroughput);
        var json = Gsm8kOutputParser.ToJson(last);
        Assert.Equal(["accuracy", "invalid", "latencyS", "outputThroughput"], json.Select(p => p.Key).ToArray());
    }

    [Fact]
    public void Plain_bench_sglang_output()
    {
        var r = Assert.Single(Gsm8kOutputParser.Parse("Accuracy: 0.950\nInvalid: 0.000\nLatency: 45.123 s\nOutput throughput: 1234.567 token/s\n"));
        Assert.Equal(0.950, r.Accuracy);
        Assert.Equal(45.123, r.LatencySeconds);
    }

    [Fact]
    public void Percentage_table_is_rejected_not_misread()
    {
        const string text = "| model | accuracy |\n|---|---|\n| grok1 | 95.1% |\n";
        var e = Assert.Throws<Gsm8kParseException>(() => Gsm8kOutputParser.Parse(text, "t.md"));
        Assert.StartsWith("t.md: expected GSM8K bench_sglang output", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("found a table at line 1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Accuracy: 95.1%")]
    [InlineData("Accuracy: 93.5")]
    public void Percent_accuracy_line_is_rejected_with_its_line(string line)
    {
        var e = Assert.Throws<Gsm8kParseException>(() => Gsm8kOutputParser.Parse("header\n" + line + "\n", "p.log"));
        Assert.Equal(2, e.Line);
        Assert.StartsWith("p.log:2: expected an accuracy fraction in [0, 1]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_serving_block_is_rejected_with_a_hint()
    {
        var path = TestPaths.SeedFile("online_benchmark_log/mi30x/DeepSeek-V3-0324/v0.5.5-rocm630-mi30x-20251110_DeepSeek-V3-0324_FP8_online/sglang_serving_benchmark_concurrency_64_run1_20251110_142622.log");
        var e = Assert.Throws<Gsm8kParseException>(() => Gsm8kOutputParser.ParseFile(path));
        Assert.Null(e.Line);
        Assert.Contains("found a bench_serving result block at line 12 (use kind bench-serving)", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<OutputParseException>(e); // the CLI maps it to exit code 3
    }

    [Fact]
    public void Empty_file_is_rejected()
    {
        var e = Assert.Throws<Gsm8kParseException>(() => Gsm8kOutputParser.Parse("", "empty.log"));
        Assert.EndsWith("the file is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrapper_lines_alone_are_not_a_result()
    {
        // The seed's gate writes these when bench_sglang printed nothing; they are not bench_sglang's own lines.
        const string text = "Run 5: Accuracy not found, defaulting to 0\nRun 5: Accuracy: 0\nAverage Accuracy over 5 runs: 0.000\n";
        Assert.Throws<Gsm8kParseException>(() => Gsm8kOutputParser.Parse(text));
    }
}
