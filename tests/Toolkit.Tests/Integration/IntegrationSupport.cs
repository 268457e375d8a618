using SglangCi.SimulatedEngine;
using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Tests.Integration;

/// <summary>
/// Shared plumbing for the toolkit-against-simulator tests: an <see cref="HttpClient"/> configured as the
/// toolkit expects, run options with a short per-request timeout, and tolerance checks that print what they compared.
/// </summary>
internal static class IntegrationSupport
{
    /// <summary>Generous for a loopback simulator, but far below the 30-minute default, so a hang fails the test
    /// quickly with a timeout error instead of stalling the whole test run.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Bounds a whole run: if the toolkit itself hangs (not just one request), the test fails instead of blocking.</summary>
    public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Simulator timings for a toolkit-against-simulator test: the given prefill and decode-step costs, a
    /// 0.05 ms per-request decode cost (a batch of four steps barely slower than one) and the given seed.</summary>
    public static SimulatedEngineOptions SimulatorTimings(double prefillBaseMs, double prefillMsPerToken, double decodeStepBaseMs, int seed) =>
        new()
        {
            PrefillBaseMs = prefillBaseMs,
            PrefillMsPerToken = prefillMsPerToken,
            DecodeStepBaseMs = decodeStepBaseMs,
            DecodeStepMsPerRequest = 0.05,
            Seed = seed,
        };

    /// <summary>The toolkit applies its own per-request timeouts, so the client's must not interfere.</summary>
    public static HttpClient NewHttpClient() => new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>A bench_serving-style run against <paramref name="server"/>; the model is resolved from <c>/v1/models</c>.</summary>
    public static LoadGeneratorOptions Run(
        SimulatedEngineServer server,
        int numPrompts,
        int inputLength,
        int outputLength,
        int? maxConcurrency,
        double requestRate = double.PositiveInfinity,
        double rangeRatio = 1.0,
        int seed = 1,
        int warmupRequests = 1) =>
        new(server.BaseUrl, null, numPrompts, inputLength, outputLength, rangeRatio, requestRate, maxConcurrency, seed, IgnoreEos: true, warmupRequests)
        {
            RequestTimeout = RequestTimeout,
        };

    public static async Task<BenchmarkReport> RunAsync(HttpClient http, LoadGeneratorOptions options)
    {
        using var deadline = new CancellationTokenSource(RunTimeout);
        return await new LoadGenerator(http).RunAsync(options, progress: null, deadline.Token);
    }

    /// <summary>Asserts |measured − expected| ≤ tolerance × expected, naming the metric and both values.</summary>
    public static void AssertWithin(string metric, double? measured, double expected, double tolerance)
    {
        Assert.True(measured.HasValue, $"{metric}: no value was measured.");
        var low = expected * (1 - tolerance);
        var high = expected * (1 + tolerance);
        Assert.True(
            measured.Value >= low && measured.Value <= high,
            $"{metric}: measured {measured.Value:F3}, expected {expected:F3} ± {tolerance:P0} ([{low:F3}, {high:F3}]).");
    }

    /// <summary>One line with the numbers worth seeing when a timing test fails or is tuned.</summary>
    public static string Describe(BenchmarkReport r) =>
        $"completed {r.Completed}, failed {r.Failed}, duration {r.DurationSeconds:F3} s, " +
        $"TTFT median/p99 {r.TtftMs.Median:F2}/{r.TtftMs.P99:F2} ms, ITL median {r.ItlMs.Median:F3} ms, " +
        $"TPOT median {r.TpotMs.Median:F3} ms, E2E median {r.E2eMs.Median:F2} ms, " +
        $"output {r.OutputTokenThroughput:F1} tok/s, concurrency {r.Concurrency:F3}";
}
