using System.Diagnostics;
using SglangCi.Toolkit.Http;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// The online benchmark: a C# equivalent of <c>python -m sglang.bench_serving --backend sglang-oai
/// --dataset-name random</c>, so nightly runs need no Python on the client and its numbers keep bench_serving's
/// meaning. It composes the dataset, the arrival schedule, the per-request client and the aggregation; each of
/// those lives in its own class.
/// </summary>
/// <remarks>
/// Everything is asynchronous (no thread is held per request), so thousands of requests can be in flight. Give it
/// an <see cref="HttpClient"/> with an infinite <see cref="HttpClient.Timeout"/>; per-request limits come from
/// <see cref="LoadGeneratorOptions.RequestTimeout"/>.
/// </remarks>
public sealed class LoadGenerator
{
    /// <summary>Output length of warm-up requests: enough to exercise decode, short enough not to delay the run.</summary>
    public const int WarmupOutputTokens = 16;

    private readonly CompletionRequestClient _client;
    private readonly ServedModelResolver _models;

    public LoadGenerator(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        _client = new CompletionRequestClient(http);
        _models = new ServedModelResolver(http);
    }

    /// <summary>
    /// Resolves the model, warms up, then runs the timed benchmark and aggregates it. Progress is reported once per
    /// finished request of the main run.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model could not be resolved or a warm-up request failed.</exception>
    public async Task<BenchmarkReport> RunAsync(LoadGeneratorOptions options, IProgress<LoadProgress>? progress, CancellationToken ct)
    {
        Validate(options);
        // The native /generate API takes no model name, so there is nothing to resolve (and /v1/models need not exist).
        var model = options.Model
            ?? (options.Backend == BenchmarkBackend.Sglang ? "default" : await _models.ResolveAsync(options.BaseUrl, options.RequestTimeout, ct).ConfigureAwait(false));

        // One seeded generator used in a fixed order (dataset, then schedule), as bench_serving uses numpy's global one.
        var random = new Random(options.Seed);
        var requests = options.EffectiveDataset.Sample(options.NumPrompts, random);
        var offsets = ArrivalSchedule.OffsetsSeconds(options.NumPrompts, options.RequestRate, random);

        await WarmUpAsync(options, model, requests[0], ct).ConfigureAwait(false);

        using var limiter = options.MaxConcurrency is { } max ? new SemaphoreSlim(max, max) : null;
        var tracker = new ProgressTracker(options.NumPrompts, progress);
        var tasks = new Task<RequestResult>[requests.Count];
        var started = Stopwatch.GetTimestamp();
        var sent = 0;
        try
        {
            for (; sent < requests.Count; sent++)
            {
                var wait = offsets[sent] - Stopwatch.GetElapsedTime(started).TotalSeconds;
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait), ct).ConfigureAwait(false);
                }

                // Like bench_serving, arrival does not wait for a concurrency slot; the request queues for one.
                tasks[sent] = SendLimitedAsync(options, model, requests[sent], limiter, tracker, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // Cancelled between arrivals: let the requests already sent finish cancelling before the limiter is disposed.
            await ((Task)Task.WhenAll(tasks[..sent])).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        var duration = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var report = BenchmarkAggregator.Aggregate(results, duration);
        return options.Goodput is { Any: true } slos ? report with { RequestGoodput = slos.Goodput(results, duration) } : report;
    }

    private async Task<RequestResult> SendLimitedAsync(
        LoadGeneratorOptions options,
        string model,
        BenchmarkRequest request,
        SemaphoreSlim? limiter,
        ProgressTracker tracker,
        CancellationToken ct)
    {
        if (limiter is not null)
        {
            await limiter.WaitAsync(ct).ConfigureAwait(false);
        }

        try
        {
            var result = await _client.SendAsync(options.BaseUrl, model, request, options.Backend, options.IgnoreEos, options.RequestTimeout, ct).ConfigureAwait(false);
            tracker.Record(result.Success);
            return result;
        }
        finally
        {
            limiter?.Release();
        }
    }

    private async Task WarmUpAsync(LoadGeneratorOptions options, string model, BenchmarkRequest first, CancellationToken ct)
    {
        if (options.WarmupRequests <= 0)
        {
            return;
        }

        var warmup = first with { OutputLength = WarmupOutputTokens };
        var results = await Task.WhenAll(Enumerable.Range(0, options.WarmupRequests)
            .Select(_ => _client.SendAsync(options.BaseUrl, model, warmup, options.Backend, options.IgnoreEos, options.RequestTimeout, ct))).ConfigureAwait(false);
        var failure = results.FirstOrDefault(r => !r.Success);
        if (failure is not null)
        {
            var url = EndpointUri.Combine(options.BaseUrl, BenchmarkBackends.Path(options.Backend));
            throw new InvalidOperationException(
                $"Warm-up failed: a request to {url} did not succeed ({failure.Error}). " +
                "Make sure the server is up and the benchmark arguments (model, lengths) are right.");
        }
    }

    private static void Validate(LoadGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.BaseUrl);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NumPrompts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.InputLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.OutputLength, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.WarmupRequests);
        if (options.MaxConcurrency is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        }

        if (double.IsNaN(options.RequestRate) || options.RequestRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RequestRate, "RequestRate must be positive (infinity for a burst).");
        }

        if (double.IsNaN(options.RangeRatio) || options.RangeRatio < 0 || options.RangeRatio > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RangeRatio, "RangeRatio must be between 0 and 1.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RequestTimeout, "RequestTimeout must be positive.");
        }
    }
}
