using SglangCi.SimulatedEngine;
using SglangCi.Toolkit.LoadGeneration;
using SglangCi.Toolkit.Tests.SimulatedEngine;
using Xunit.Abstractions;
using static SglangCi.Toolkit.Tests.Integration.IntegrationSupport;

namespace SglangCi.Toolkit.Tests.Integration;

/// <summary>
/// The native <c>/generate</c> and <c>/v1/chat/completions</c> backends against the simulator: one request at a
/// time, so ITL has the closed-form expectation of <see cref="LatencyModel"/>. In the timing collection (alone),
/// as the other latency tests.
/// </summary>
[Collection(SimulatedEngineTimingCollection.Name)]
public sealed class LoadGeneratorBackendIntegrationTests(ITestOutputHelper output)
{
    private const int Prompts = 6;
    private const int InputLength = 120;
    private const int OutputLength = 40;

    private static readonly SimulatedEngineOptions Engine = SimulatorTimings(prefillBaseMs: 20, prefillMsPerToken: 0.2, decodeStepBaseMs: 6, seed: 5);

    [Fact]
    public async Task Native_backend_reads_the_cumulative_stream_and_measures_the_modelled_itl()
    {
        var expectedItl = LatencyModel.ExpectedDecodeStepMs(Engine, 1);
        var expectedTtft = LatencyModel.ExpectedTtftMs(Engine, InputLength);

        await using var server = await SimulatedEngineServer.StartAsync(Engine);
        using var http = NewHttpClient();
        var options = Run(server, Prompts, InputLength, OutputLength, maxConcurrency: 1);
        var report = await RunAsync(http, WithBackend(options, BenchmarkBackend.Sglang));
        output.WriteLine($"expected TTFT {expectedTtft:F2} ms, ITL {expectedItl:F3} ms");
        output.WriteLine(Describe(report));

        Assert.Equal(Prompts, report.Completed);
        Assert.Empty(report.Errors);
        // output_len comes from meta_info.completion_tokens; one ITL entry per token after the first.
        Assert.Equal(Prompts * OutputLength, report.TotalOutputTokens);
        Assert.Equal(Prompts * (OutputLength - 1), report.ItlMs.Count);
        Assert.Equal((Prompts * OutputLength) + LoadGenerator.WarmupOutputTokens, server.Stats.TokensGenerated);
        AssertWithin("median ITL (ms)", report.ItlMs.Median, expectedItl, 0.10);
        AssertWithin("median TTFT (ms)", report.TtftMs.Median, expectedTtft, 0.10);
    }

    [Fact]
    public async Task Chat_backend_reads_delta_content_and_the_usage_chunk()
    {
        var expectedItl = LatencyModel.ExpectedDecodeStepMs(Engine, 1);

        await using var server = await SimulatedEngineServer.StartAsync(Engine);
        using var http = NewHttpClient();
        var report = await RunAsync(http, WithBackend(Run(server, Prompts, InputLength, OutputLength, maxConcurrency: 1), BenchmarkBackend.OpenAiChat));
        output.WriteLine(Describe(report));

        Assert.Equal(Prompts, report.Completed);
        Assert.Empty(report.Errors);
        Assert.Equal(Prompts * OutputLength, report.TotalOutputTokens);
        Assert.Equal(Prompts * (OutputLength - 1), report.ItlMs.Count);
        Assert.Equal(Prompts, report.TtftMs.Count);
        AssertWithin("median ITL (ms)", report.ItlMs.Median, expectedItl, 0.10);
    }

    private static LoadGeneratorOptions WithBackend(LoadGeneratorOptions options, BenchmarkBackend backend) => options with { Backend = backend };
}
