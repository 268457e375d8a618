using SglangCi.Toolkit.Datasets;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>One online benchmark run, as <c>python -m sglang.bench_serving</c> would be invoked.</summary>
/// <param name="BaseUrl">Server root, e.g. http://127.0.0.1:30000.</param>
/// <param name="Model">Model name sent in requests; null = ask <c>/v1/models</c>.</param>
/// <param name="RequestRate">Requests per second with Poisson arrivals; <see cref="double.PositiveInfinity"/> sends all at once.</param>
/// <param name="MaxConcurrency">Cap on requests in flight; null = no cap.</param>
/// <param name="RangeRatio">Lengths are drawn uniformly from [max(int(L*ratio),1), L], as bench_serving does.</param>
public sealed record LoadGeneratorOptions(
    Uri BaseUrl,
    string? Model,
    int NumPrompts,
    int InputLength,
    int OutputLength,
    double RangeRatio,
    double RequestRate,
    int? MaxConcurrency,
    int Seed = 1,
    bool IgnoreEos = true,
    int WarmupRequests = 1)
{
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The API driven; <see cref="BenchmarkBackend.OpenAi"/> (<c>/v1/completions</c>) unless set.</summary>
    public BenchmarkBackend Backend { get; init; } = BenchmarkBackend.OpenAi;

    /// <summary>
    /// Where prompts come from; null = bench_serving's <c>random</c> dataset from <see cref="InputLength"/>,
    /// <see cref="OutputLength"/> and <see cref="RangeRatio"/>.
    /// </summary>
    public IPromptSource? Dataset { get; init; }

    /// <summary>Latency SLOs for goodput; null (or none set) = no goodput in the report.</summary>
    public GoodputSlos? Goodput { get; init; }

    /// <summary>The dataset actually used: <see cref="Dataset"/> or the random one.</summary>
    public IPromptSource EffectiveDataset => Dataset ?? new RandomPromptSource(InputLength, OutputLength, RangeRatio);
}
