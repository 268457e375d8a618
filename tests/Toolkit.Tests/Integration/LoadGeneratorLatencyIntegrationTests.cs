using SglangCi.SimulatedEngine;
using SglangCi.Toolkit.Tests.SimulatedEngine;
using Xunit.Abstractions;
using static SglangCi.Toolkit.Tests.Integration.IntegrationSupport;

namespace SglangCi.Toolkit.Tests.Integration;

/// <summary>
/// bench_serving's latency definitions (§2.2) measured by the load generator against the simulator's latency
/// model: one request at a time, so every number has a closed-form expectation from <see cref="LatencyModel"/>.
/// </summary>
/// <remarks>
/// Runs in the timing collection (alone), because other tests' CPU load on a 2-core machine would show up as
/// milliseconds of extra latency here.
/// </remarks>
[Collection(SimulatedEngineTimingCollection.Name)]
public sealed class LoadGeneratorLatencyIntegrationTests(ITestOutputHelper output)
{
    private const int Prompts = 8;
    private const int InputLength = 200;
    private const int OutputLength = 50;

    // TTFT 60 ms and ITL 6.05 ms: steps of several milliseconds, so sleep jitter of 1-2 ms on a shared machine is
    // well inside a 10 % tolerance, while 8 requests still finish in about 3 s.
    private static readonly SimulatedEngineOptions Engine = SimulatorTimings(prefillBaseMs: 20, prefillMsPerToken: 0.2, decodeStepBaseMs: 6, seed: 11);

    [Fact]
    public async Task Sequential_requests_measure_the_modelled_ttft_itl_tpot_and_e2e()
    {
        var expectedTtft = LatencyModel.ExpectedTtftMs(Engine, InputLength);
        var expectedItl = LatencyModel.ExpectedDecodeStepMs(Engine, 1);
        var expectedE2e = expectedTtft + ((OutputLength - 1) * expectedItl);

        await using var server = await SimulatedEngineServer.StartAsync(Engine);
        using var http = NewHttpClient();
        var options = Run(server, Prompts, InputLength, OutputLength, maxConcurrency: 1);
        var report = await RunAsync(http, options);
        output.WriteLine($"expected TTFT {expectedTtft:F2} ms, ITL {expectedItl:F3} ms, E2E {expectedE2e:F2} ms");
        output.WriteLine(Describe(report));

        Assert.Equal(Prompts, report.Completed);
        Assert.Equal(0, report.Failed);
        Assert.Empty(report.Errors);

        // Range ratio 1 fixes every length; output_len is the server's usage count, so this also checks that the
        // simulator generated exactly max_tokens with ignore_eos and that the client read the usage chunk.
        Assert.Equal(Prompts * OutputLength, report.TotalOutputTokens);
        Assert.Equal(Prompts * InputLength, report.TotalInputTokens);

        // The recorded prompt length is the target (as in bench_serving); the simulator counts words, so the prompts
        // the generator built must have exactly that many. The warm-up adds one prompt and 16 generated tokens.
        Assert.Equal((Prompts + 1) * InputLength, server.Stats.PromptTokens);
        Assert.Equal((Prompts * OutputLength) + 16, server.Stats.TokensGenerated);

        // One TTFT and one TPOT per request, one ITL per token after the first.
        Assert.Equal(Prompts, report.TtftMs.Count);
        Assert.Equal(Prompts, report.TpotMs.Count);
        Assert.Equal(Prompts * (OutputLength - 1), report.ItlMs.Count);

        // 10 %: the brief's bound for model-vs-measured. Medians, because one request (or one step) delayed by the
        // machine must not fail the test, while a wrong definition (e.g. TTFT counting the prefill twice, ITL per
        // chunk pair off by one step) shifts every sample and so the median.
        AssertWithin("median TTFT (ms)", report.TtftMs.Median, expectedTtft, 0.10);
        AssertWithin("median ITL (ms)", report.ItlMs.Median, expectedItl, 0.10);
        AssertWithin("median E2E (ms)", report.E2eMs.Median, expectedE2e, 0.10);

        // TPOT = (E2E − TTFT)/(n − 1) is each request's mean ITL; the simulator sleeps to absolute deadlines, so a late
        // step is followed by a short one and the mean stays close to the median ITL. 10 % as above.
        AssertWithin("median TPOT vs median ITL (ms)", report.TpotMs.Median, report.ItlMs.Median!.Value, 0.10);

        // request_throughput = completed / duration exactly (same doubles), so only rounding tolerance.
        Assert.Equal(report.Completed / report.DurationSeconds, report.RequestThroughput, 9);
        Assert.Equal(report.TotalOutputTokens / report.DurationSeconds, report.OutputTokenThroughput, 9);

        // concurrency = Σe2e / duration. With one request in flight it is 1 minus the client's gap between a
        // request's [DONE] and the next POST (well under a millisecond per ~350 ms request, but allow 20 % for a
        // loaded machine); above 1 (+5 % for timer granularity) would mean requests overlapped despite the cap.
        Assert.InRange(report.Concurrency, 0.8, 1.05);
        Assert.Equal(1, server.Stats.PeakRunningBatch);
    }
}
