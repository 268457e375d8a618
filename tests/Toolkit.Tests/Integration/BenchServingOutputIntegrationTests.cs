using System.Globalization;
using SglangCi.SimulatedEngine;
using SglangCi.Toolkit.LoadGeneration;
using Xunit.Abstractions;
using static SglangCi.Toolkit.Tests.Integration.IntegrationSupport;

namespace SglangCi.Toolkit.Tests.Integration;

/// <summary>
/// The printed bench_serving block (§2.3) for a real run: what we print must read back, through the same parser
/// that reads SGLang's own logs, as the numbers we measured (rounded to the block's two decimals).
/// </summary>
/// <remarks>No timing assertions (only round-trips), so this runs in parallel with other tests.</remarks>
public sealed class BenchServingOutputIntegrationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_printed_block_of_a_real_run_parses_back_to_its_numbers()
    {
        var engine = new SimulatedEngineOptions { PrefillBaseMs = 5, PrefillMsPerToken = 0.02, DecodeStepBaseMs = 5, DecodeStepMsPerRequest = 0.05, Seed = 4 };
        await using var server = await SimulatedEngineServer.StartAsync(engine);
        using var http = NewHttpClient();
        var options = Run(server, numPrompts: 6, inputLength: 40, outputLength: 12, maxConcurrency: 2, rangeRatio: 0.5, seed: 8);
        var report = await RunAsync(http, options);

        var text = BenchServingReportFormatter.Format(report, options);
        output.WriteLine(text);
        var parsed = BenchServingLogParser.Parse(text);

        Assert.NotNull(parsed);
        Assert.Equal(6, report.Completed);
        Assert.Equal(report.Completed, parsed.SuccessfulRequests);
        Assert.Equal(report.TotalInputTokens, parsed.TotalInputTokens);
        Assert.Equal(report.TotalOutputTokens, parsed.TotalGeneratedTokens);
        Assert.Equal(2, parsed.MaxConcurrency);
        Assert.Equal(double.PositiveInfinity, parsed.RequestRate);
        Assert.Equal("sglang-oai", parsed.Backend);

        // The block prints two decimals (Python's "{:.2f}"), so the parsed value is the measured one rounded to two
        // decimals: at most 0.005 away, whichever way an exact half was rounded.
        AssertTwoDecimals("median E2E", report.E2eMs.Median, parsed.MedianE2eMs);
        AssertTwoDecimals("mean E2E", report.E2eMs.Mean, parsed.MeanE2eMs);
        AssertTwoDecimals("median TTFT", report.TtftMs.Median, parsed.MedianTtftMs);
        AssertTwoDecimals("median ITL", report.ItlMs.Median, parsed.MedianItlMs);
        AssertTwoDecimals("median TPOT", report.TpotMs.Median, parsed.MedianTpotMs);
        AssertTwoDecimals("duration", report.DurationSeconds, parsed.DurationSeconds);
        AssertTwoDecimals("request throughput", report.RequestThroughput, parsed.RequestThroughput);
        AssertTwoDecimals("output throughput", report.OutputTokenThroughput, parsed.OutputTokenThroughput);
        AssertTwoDecimals("concurrency", report.Concurrency, parsed.Concurrency);
    }

    /// <summary>Within half a unit of the second decimal (plus a hair for binary representation).</summary>
    private static void AssertTwoDecimals(string metric, double? measured, double? parsed)
    {
        Assert.True(measured.HasValue, $"{metric}: not measured");
        Assert.True(parsed.HasValue, $"{metric}: not in the printed block");
        Assert.True(
            Math.Abs(measured.Value - parsed.Value) <= 0.005 + 1e-9,
            string.Create(CultureInfo.InvariantCulture, $"{metric}: measured {measured.Value}, parsed {parsed.Value}"));
    }
}
