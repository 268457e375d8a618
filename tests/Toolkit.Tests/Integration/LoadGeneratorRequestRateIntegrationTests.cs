using SglangCi.SimulatedEngine;
using SglangCi.Toolkit.LoadGeneration;
using SglangCi.Toolkit.Tests.SimulatedEngine;
using Xunit.Abstractions;
using static SglangCi.Toolkit.Tests.Integration.IntegrationSupport;

namespace SglangCi.Toolkit.Tests.Integration;

/// <summary>
/// <c>--request-rate</c> mode: Poisson arrivals drawn from the seed, so the run lasts about NumPrompts/rate plus
/// the last request's service time, and the same seed reproduces the same requests; with <c>--max-concurrency</c> too,
/// the arrivals still follow the schedule but never more than the cap are in flight (bench_serving's semaphore).
/// </summary>
/// <remarks>Timing collection: the duration bounds assume the send loop wakes up on time.</remarks>
[Collection(SimulatedEngineTimingCollection.Name)]
public sealed class LoadGeneratorRequestRateIntegrationTests(ITestOutputHelper output)
{
    private const int Prompts = 40;
    private const double Rate = 20;
    private const int InputLength = 100;
    private const int OutputLength = 20;
    private const double RangeRatio = 0.5;
    private const int Seed = 42;

    // Service time of the longest request (20 tokens): ≈ 10 ms prefill + 19 × ~5.1 ms ≈ 110 ms, short next to the
    // 50 ms mean gap × 40 arrivals, so the duration is dominated by the arrival schedule.
    private static readonly SimulatedEngineOptions Engine = SimulatorTimings(prefillBaseMs: 5, prefillMsPerToken: 0.05, decodeStepBaseMs: 5, seed: 3);

    [Fact]
    public async Task Rate_and_max_concurrency_together_keep_the_cap_that_the_rate_alone_would_break()
    {
        // 200 req/s sends all 40 within ~0.2 s, far faster than ~80 ms requests finish: the rate alone piles them up.
        const double burstRate = 200;
        const int cap = 2;
        var (capped, cappedPeak) = await RunOnFreshServerAsync(burstRate, cap);
        var (uncapped, uncappedPeak) = await RunOnFreshServerAsync(burstRate, maxConcurrency: null);
        output.WriteLine($"rate {burstRate} + cap {cap}: {Describe(capped)}; peak batch {cappedPeak}");
        output.WriteLine($"rate {burstRate} alone:   {Describe(uncapped)}; peak batch {uncappedPeak}");

        Assert.Equal(Prompts, capped.Completed);
        Assert.Equal(cap, cappedPeak);
        Assert.True(uncappedPeak > cap, $"the rate alone should put more than {cap} in flight (peak {uncappedPeak}); the test would prove nothing");
        // Σe2e / duration: at most the cap (+5 % timer granularity) with it, clearly above it without.
        Assert.InRange(capped.Concurrency, 1.5, cap * 1.05);
        Assert.True(uncapped.Concurrency > cap, $"uncapped concurrency {uncapped.Concurrency:F2}");
        // Pairs of ~55–110 ms requests one after another: the cap, not the 0.2 s arrival schedule, sets the duration.
        Assert.True(capped.DurationSeconds > 2 * uncapped.DurationSeconds,
            $"capped {capped.DurationSeconds:F2} s vs uncapped {uncapped.DurationSeconds:F2} s");
    }

    private static async Task<(BenchmarkReport Report, long PeakBatch)> RunOnFreshServerAsync(double rate, int? maxConcurrency)
    {
        // A fresh server per run, so its peak-batch counter belongs to this run alone.
        await using var server = await SimulatedEngineServer.StartAsync(Engine);
        using var http = NewHttpClient();
        var report = await RunAsync(http, Run(server, Prompts, InputLength, OutputLength, maxConcurrency, rate, RangeRatio, Seed));
        return (report, server.Stats.PeakRunningBatch);
    }

    [Fact]
    public async Task Poisson_arrivals_set_the_duration_and_the_seed_fixes_the_requests()
    {
        // The generator draws the dataset and then the schedule from one Random(seed) (bench_serving's single numpy
        // generator); replaying that order gives the exact send offsets and lengths the run must use.
        var random = new Random(Seed);
        var expectedRequests = RandomDataset.Generate(Prompts, InputLength, OutputLength, RangeRatio, random);
        var offsets = ArrivalSchedule.OffsetsSeconds(Prompts, Rate, random);
        var lastArrival = offsets[^1];

        await using var server = await SimulatedEngineServer.StartAsync(Engine);
        using var http = NewHttpClient();
        var options = Run(server, Prompts, InputLength, OutputLength, maxConcurrency: null, Rate, RangeRatio, Seed);
        var first = await RunAsync(http, options);
        var second = await RunAsync(http, options);
        output.WriteLine($"last scheduled arrival {lastArrival:F3} s (nominal {Prompts / Rate:F1} s)");
        output.WriteLine($"first:  {Describe(first)}");
        output.WriteLine($"second: {Describe(second)}");

        // 39 exponential gaps of mean 50 ms sum to 1.95 s ± 0.31 s (1σ); the seed makes it one fixed number, and this
        // band (±2.5σ) only guards against a schedule that ignores the rate (e.g. a burst, or gaps of 1/rate²).
        Assert.InRange(lastArrival, 1.2, 2.8);

        foreach (var report in new[] { first, second })
        {
            Assert.Equal(Prompts, report.Completed);
            Assert.Equal(0, report.Failed);

            // The run cannot end before the last request is sent; it should end about one service time after it.
            // +1.2 s allows a late timer or a GC pause on a loaded 2-core machine (+0.5 s failed once here under load), while a
            // generator that waited for each response before sending the next (serialising ~40 × 100 ms) would take
            // ≥ 4 s, past the ≤ 2.8 s last arrival + 1.2 s, and fail.
            Assert.InRange(report.DurationSeconds, lastArrival, lastArrival + 1.2);
        }

        // The report keeps requests in dataset order, and range ratio 0.5 draws lengths from [50, 100] and [10, 20].
        var firstLengths = first.Requests.Select(static r => r.PromptLength).ToArray();
        Assert.Equal(expectedRequests.Select(static r => r.PromptLength), firstLengths);
        Assert.All(firstLengths, l => Assert.InRange(l, InputLength / 2, InputLength));
        Assert.True(firstLengths.Distinct().Count() > 1, "range ratio 0.5 should give varying prompt lengths");

        // Same seed, same requests: the comparability guarantee nightly history relies on. Output lengths are the
        // server's usage counts, so equality also shows the simulator honoured each request's max_tokens.
        Assert.Equal(firstLengths, second.Requests.Select(static r => r.PromptLength));
        Assert.Equal(expectedRequests.Select(static r => r.OutputLength), first.Requests.Select(static r => r.OutputLength));
        Assert.Equal(first.Requests.Select(static r => r.OutputLength), second.Requests.Select(static r => r.OutputLength));
        Assert.Equal(first.TotalInputTokens, second.TotalInputTokens);
        Assert.Equal(first.TotalOutputTokens, second.TotalOutputTokens);
    }
}
