using SglangCi.SimulatedEngine;
using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Cli.SelfTest;

/// <summary>What <c>bench self-test</c> measures; see <see cref="SelfTestRunner"/>.</summary>
public sealed record SelfTestOptions(int Streams = 1000, double DurationSeconds = 10, double ItlMs = 20, int ItlStreams = 512);

/// <summary>Streaming throughput at <see cref="Streams"/> concurrent streams against a zero-latency engine.</summary>
public sealed record SelfTestThroughput(int Streams, int OutputTokensPerStream, long Chunks, double DurationS, double ChunksPerSecond, int Failed);

/// <summary>Median ITL measured at <see cref="Streams"/> streams against an engine whose ITL is fixed at <see cref="EngineItlMs"/>.</summary>
public sealed record SelfTestItl(int Streams, int OutputTokensPerStream, double EngineItlMs, double MedianItlMs, double ErrorMs, double P99ItlMs, double DurationS, int Failed);

/// <summary>Both figures, with the targets of the Toolkit issue.</summary>
public sealed record SelfTestReport(SelfTestThroughput Throughput, SelfTestItl Itl)
{
    public const double ThroughputTarget = 100_000;
    public const double ItlErrorTargetMs = 0.5;

    public bool ThroughputMet => Throughput.ChunksPerSecond >= ThroughputTarget;

    public bool ItlMet => Itl.ErrorMs < ItlErrorTargetMs;
}

/// <summary>
/// Measures the load generator itself: the real <see cref="LoadGenerator"/> against an in-process
/// <see cref="SimulatedEngineServer"/> on loopback, so any shortfall is the client's (or the machine's), not an engine's.
/// </summary>
/// <remarks>
/// (a) Throughput: every simulator step time is 0 (prefill and decode), the batch holds every stream, all requests
/// start at once (<c>--request-rate inf</c>, <c>--max-concurrency</c> = streams). Chunks are the SSE data events the
/// client parsed (first chunk plus one per ITL sample of each successful request); chunks/s = chunks / the benchmark's
/// duration (first request sent to last response ended, as bench_serving measures it). A short calibration run sizes
/// the output length so the measured run lasts about the requested duration. With step time 0 the simulator's loop runs
/// flat out only while requests are in the batch and waits on its queue when idle (no spinning while idle).
/// (b) ITL: decode step fixed at <see cref="SelfTestOptions.ItlMs"/> (no per-request cost, no prefill cost, so a newly
/// admitted request does not stretch its neighbours' gaps), error = |median ITL − engine ITL|.
/// </remarks>
public static class SelfTestRunner
{
    private const int InputLength = 16;

    public static async Task<SelfTestReport> RunAsync(SelfTestOptions options, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var throughput = await MeasureThroughputAsync(options, progress, ct).ConfigureAwait(false);
        var itl = await MeasureItlAsync(options, progress, ct).ConfigureAwait(false);
        return new SelfTestReport(throughput, itl);
    }

    public static async Task<SelfTestThroughput> MeasureThroughputAsync(SelfTestOptions options, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var engine = new SimulatedEngineOptions
        {
            PrefillBaseMs = 0,
            PrefillMsPerToken = 0,
            DecodeStepBaseMs = 0,
            DecodeStepMsPerRequest = 0,
            MaxRunningRequests = options.Streams,
        };
        await using var server = await SimulatedEngineServer.StartAsync(engine, ct: ct).ConfigureAwait(false);
        await server.WhenReady.WaitAsync(ct).ConfigureAwait(false);
        using var http = NewHttpClient();

        // Two calibration runs: the first one pays for JIT and connection set-up and underestimates the rate; the second,
        // sized to a quarter of the target duration, gives the output length of the measured run.
        progress?.Report($"throughput: calibrating ({options.Streams} streams)");
        var outputLength = 32;
        for (var pass = 0; pass < 2; pass++)
        {
            var calibration = await RunLoadAsync(http, server.BaseUrl, options.Streams, outputLength, ct).ConfigureAwait(false);
            var rate = Chunks(calibration) / Math.Max(calibration.DurationSeconds, 1e-3);
            var seconds = pass == 0 ? options.DurationSeconds / 4 : options.DurationSeconds;
            outputLength = (int)Math.Clamp(rate * seconds / options.Streams, 16, 1_000_000);
        }

        progress?.Report($"throughput: {options.Streams} streams x {outputLength} tokens");
        var report = await RunLoadAsync(http, server.BaseUrl, options.Streams, outputLength, ct).ConfigureAwait(false);
        var chunks = Chunks(report);
        return new SelfTestThroughput(options.Streams, outputLength, chunks, report.DurationSeconds, chunks / report.DurationSeconds, report.Failed);
    }

    public static async Task<SelfTestItl> MeasureItlAsync(SelfTestOptions options, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var engine = new SimulatedEngineOptions
        {
            PrefillBaseMs = 0,
            PrefillMsPerToken = 0,
            DecodeStepBaseMs = options.ItlMs,
            DecodeStepMsPerRequest = 0,
            MaxRunningRequests = options.ItlStreams,
        };
        await using var server = await SimulatedEngineServer.StartAsync(engine, ct: ct).ConfigureAwait(false);
        await server.WhenReady.WaitAsync(ct).ConfigureAwait(false);
        using var http = NewHttpClient();

        var outputLength = (int)Math.Max(16, options.DurationSeconds * 1000 / options.ItlMs);
        progress?.Report($"ITL: {options.ItlStreams} streams x {outputLength} tokens at {options.ItlMs} ms");
        var report = await RunLoadAsync(http, server.BaseUrl, options.ItlStreams, outputLength, ct).ConfigureAwait(false);
        var median = report.ItlMs.Median ?? double.NaN;
        return new SelfTestItl(
            options.ItlStreams, outputLength, options.ItlMs, median, Math.Abs(median - options.ItlMs),
            report.ItlMs.P99 ?? double.NaN, report.DurationSeconds, report.Failed);
    }

    /// <summary>SSE data events the client parsed: the first content chunk plus one per ITL gap, per successful request.</summary>
    public static long Chunks(BenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Requests.Where(r => r.Success).Sum(r => (long)r.InterTokenLatencies.Count + 1);
    }

    private static HttpClient NewHttpClient() => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private static Task<BenchmarkReport> RunLoadAsync(HttpClient http, Uri baseUrl, int streams, int outputLength, CancellationToken ct)
    {
        var options = new LoadGeneratorOptions(
            baseUrl, Model: null, NumPrompts: streams, InputLength: InputLength, OutputLength: outputLength, RangeRatio: 1.0,
            RequestRate: double.PositiveInfinity, MaxConcurrency: streams, Seed: 1, IgnoreEos: true, WarmupRequests: 1)
        {
            RequestTimeout = TimeSpan.FromMinutes(5),
        };
        return new LoadGenerator(http).RunAsync(options, progress: null, ct);
    }
}
