using SglangCi.SimulatedEngine;
using SglangCi.Toolkit.LoadGeneration;
using SglangCi.Toolkit.Tests.SimulatedEngine;
using Xunit.Abstractions;
using static SglangCi.Toolkit.Tests.Integration.IntegrationSupport;

namespace SglangCi.Toolkit.Tests.Integration;

/// <summary>
/// <c>--max-concurrency</c> against continuous batching: more requests in flight share each decode step, so output
/// throughput rises, and the cap is never exceeded on the server side.
/// </summary>
/// <remarks>Timing collection: the throughput ratio is a timing measurement.</remarks>
[Collection(SimulatedEngineTimingCollection.Name)]
public sealed class LoadGeneratorConcurrencyIntegrationTests(ITestOutputHelper output)
{
    private const int Prompts = 8;
    private const int InputLength = 50;
    private const int OutputLength = 30;

    // A 6 ms base step with a small per-request cost: a batch of 4 decodes in 6.2 ms what one request decodes in
    // 6.05 ms, so the ideal gain is close to 4x.
    private static readonly SimulatedEngineOptions Engine = SimulatorTimings(prefillBaseMs: 5, prefillMsPerToken: 0.05, decodeStepBaseMs: 6, seed: 5);

    [Fact]
    public async Task Four_requests_in_flight_beat_one_and_fill_a_batch_of_four()
    {
        var (single, singlePeak) = await RunWithConcurrencyAsync(1);
        var (four, fourPeak) = await RunWithConcurrencyAsync(4);
        output.WriteLine($"max-concurrency 1: {Describe(single)}; peak batch {singlePeak}");
        output.WriteLine($"max-concurrency 4: {Describe(four)}; peak batch {fourPeak}");

        Assert.Equal(Prompts, single.Completed);
        Assert.Equal(Prompts, four.Completed);

        // The client-side cap is the server-side batch: a request's slot is released only after its [DONE], which the
        // simulator sends after it left the batch, so the peak is exactly the cap.
        Assert.Equal(1, singlePeak);
        Assert.Equal(4, fourPeak);

        // Ideal gain ≈ 3.8x (8 requests = 2 waves of 4; each extra prefill step delays the batch by ~7.5 ms). 2.5x
        // leaves room for scheduling noise, yet fails clearly if requests were serialised (≈1x) or if the cap were
        // ignored in a way that broke batching.
        var gain = four.OutputTokenThroughput / single.OutputTokenThroughput;
        Assert.True(gain > 2.5, $"output throughput gain with 4 in flight is only {gain:F2}x ({four.OutputTokenThroughput:F1} vs {single.OutputTokenThroughput:F1} tok/s)");

        // With the cap at 4, Σe2e/duration cannot exceed 4 (+5 % timer granularity), and should be well above 1.
        Assert.InRange(four.Concurrency, 2.5, 4.2);

        // Batching slows each step a little (6.2 vs 6.05 ms), never by much: ITL stays near the model for 4 running.
        AssertWithin("median ITL at concurrency 4 (ms)", four.ItlMs.Median, LatencyModel.ExpectedDecodeStepMs(Engine, 4), 0.15);
    }

    private async Task<(BenchmarkReport Report, long PeakBatch)> RunWithConcurrencyAsync(int maxConcurrency)
    {
        // A fresh server per run, so its peak-batch counter belongs to this run alone.
        await using var server = await SimulatedEngineServer.StartAsync(Engine);
        using var http = NewHttpClient();
        var report = await RunAsync(http, Run(server, Prompts, InputLength, OutputLength, maxConcurrency));
        return (report, server.Stats.PeakRunningBatch);
    }
}
