using SglangCi.SimulatedEngine;
using SglangCi.Toolkit.LoadGeneration;
using SglangCi.Toolkit.Tests.SimulatedEngine;
using Xunit.Abstractions;
using static SglangCi.Toolkit.Tests.Integration.IntegrationSupport;

namespace SglangCi.Toolkit.Tests.Integration;

/// <summary>
/// Server-side queueing shows up in the client's TTFT: when the engine runs fewer requests than the client has in
/// flight, the rest wait for a batch slot and their first token comes late, as on a saturated SGLang server.
/// </summary>
/// <remarks>Timing collection: the assertions compare latencies.</remarks>
[Collection(SimulatedEngineTimingCollection.Name)]
public sealed class LoadGeneratorQueueingIntegrationTests(ITestOutputHelper output)
{
    private const int Prompts = 8;
    private const int InputLength = 50;
    private const int OutputLength = 20;

    private static readonly SimulatedEngineOptions Engine = SimulatorTimings(prefillBaseMs: 5, prefillMsPerToken: 0.05, decodeStepBaseMs: 5, seed: 9);

    [Fact]
    public async Task A_small_running_batch_makes_queued_requests_wait_for_their_first_token()
    {
        var (queued, queuedStats) = await RunAsync(maxRunningRequests: 2);
        var (roomy, roomyStats) = await RunAsync(maxRunningRequests: 8);
        output.WriteLine($"MaxRunningRequests 2: {Describe(queued)}; peak batch {queuedStats.PeakRunningBatch}, peak waiting {queuedStats.PeakWaitingRequests}");
        output.WriteLine($"MaxRunningRequests 8: {Describe(roomy)}; peak batch {roomyStats.PeakRunningBatch}, peak waiting {roomyStats.PeakWaitingRequests}");

        Assert.Equal(Prompts, queued.Completed);
        Assert.Equal(Prompts, roomy.Completed);
        Assert.Equal(2, queuedStats.PeakRunningBatch);
        Assert.True(queuedStats.PeakWaitingRequests >= 1, "with 8 in flight and 2 slots, requests must have waited");

        // With 2 slots the last pair starts only after three pairs each ran 19 decode steps, so its TTFT is at least
        // 3 × 19 × step(2); load only adds delay, so 0.9 × that bound is safe. p99 over 8 samples ≈ the maximum.
        var queuedFloor = 3 * (OutputLength - 1) * LatencyModel.ExpectedDecodeStepMs(Engine, 2);
        Assert.True(queued.TtftMs.P99 >= 0.9 * queuedFloor, $"queued p99 TTFT {queued.TtftMs.P99:F1} ms, model floor {queuedFloor:F1} ms");

        // With 8 slots nobody waits: TTFT is one or two prefill steps (≈ 25 ms), against ≈ 300 ms queued. A factor of
        // 3 is far from both, so it only fails if queueing disappeared or appeared where it should not.
        Assert.True(
            queued.TtftMs.P99 > 3 * roomy.TtftMs.P99,
            $"p99 TTFT with 2 slots {queued.TtftMs.P99:F1} ms should clearly exceed that with 8 slots {roomy.TtftMs.P99:F1} ms");
    }

    private static async Task<(BenchmarkReport Report, SimulatedEngineStats Stats)> RunAsync(int maxRunningRequests)
    {
        await using var server = await SimulatedEngineServer.StartAsync(Engine with { MaxRunningRequests = maxRunningRequests });
        using var http = NewHttpClient();
        var report = await IntegrationSupport.RunAsync(http, Run(server, Prompts, InputLength, OutputLength, maxConcurrency: 8));
        return (report, server.Stats);
    }
}
