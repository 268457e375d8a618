namespace SglangCi.Interfaces.Presets;

/// <summary>
/// A model as CI runs it: where the weights are, how to launch the server on each hardware kind, the
/// GSM8K gate, and the benchmark plan. Versioned: every change bumps <see cref="Version"/> and a run
/// records the version it used.
/// </summary>
/// <param name="Name">Preset key, e.g. <c>grok1-int4</c>.</param>
/// <param name="Version">Assigned by the preset grain; 0 in a preset not yet stored.</param>
/// <param name="Model">Model name as results are keyed (the old system's model directory, e.g. <c>GROK1</c>).</param>
/// <param name="Variant">Quantization/variant label (e.g. <c>MOE-I4F8</c>, <c>FP8</c>).</param>
/// <param name="GpuCount">GPUs one server of this preset needs.</param>
/// <param name="Launch">Launch flags per hardware kind; key <c>*</c> applies where no specific entry exists.</param>
/// <param name="Benchmark">Benchmark plan per hardware kind; key <c>*</c> is the default.</param>
/// <remarks><see cref="Offline"/> holds the offline (bench_one_batch) plans per hardware kind; null or empty
/// for presets that have none.</remarks>
[GenerateSerializer, Immutable]
public sealed record ModelPreset(
    [property: Id(0)] string Name,
    [property: Id(1)] int Version,
    [property: Id(2)] string Model,
    [property: Id(3)] string Variant,
    [property: Id(4)] string ModelPath,
    [property: Id(5)] string? TokenizerPath,
    [property: Id(6)] string? Quantization,
    [property: Id(7)] int GpuCount,
    [property: Id(8)] IReadOnlyDictionary<string, HardwareLaunch> Launch,
    [property: Id(9)] Gsm8kPlan Gsm8k,
    [property: Id(10)] IReadOnlyDictionary<string, BenchmarkPlan> Benchmark)
{
    public const string AnyHardware = "*";

    /// <summary>Offline (bench_one_batch) plans per hardware kind, each a named mode of the old system
    /// (<c>normal</c>, <c>long_context</c>, <c>dummy</c>); key <c>*</c> is the default. Null or empty: no offline runs.</summary>
    [Id(11)]
    public IReadOnlyDictionary<string, IReadOnlyList<OfflinePlan>>? Offline { get; init; }

    public HardwareLaunch LaunchFor(string hardware) =>
        Launch.TryGetValue(hardware, out var launch) ? launch
        : Launch.TryGetValue(AnyHardware, out var fallback) ? fallback
        : throw new InvalidOperationException($"Preset '{Name}' has no launch flags for hardware '{hardware}' and no '*' default.");

    public BenchmarkPlan BenchmarkFor(string hardware) =>
        Benchmark.TryGetValue(hardware, out var plan) ? plan
        : Benchmark.TryGetValue(AnyHardware, out var fallback) ? fallback
        : throw new InvalidOperationException($"Preset '{Name}' has no benchmark plan for hardware '{hardware}' and no '*' default.");

    public IReadOnlyList<OfflinePlan> OfflineFor(string hardware) =>
        Offline is { } offline && (offline.TryGetValue(hardware, out var plans) || offline.TryGetValue(AnyHardware, out plans)) && plans.Count > 0
            ? plans
            : throw new InvalidOperationException($"Preset '{Name}' has no offline plan for hardware '{hardware}' and no '*' default.");
}

/// <summary>Server arguments and environment for one hardware kind.</summary>
[GenerateSerializer, Immutable]
public sealed record HardwareLaunch(
    [property: Id(0)] IReadOnlyList<string> ServerArgs,
    [property: Id(1)] IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Steps run in order after the lease and before the server starts (aiter lock clean-up, a warm-up
    /// server); null or empty: none.</summary>
    [Id(2)]
    public IReadOnlyList<PreLaunchStep>? PreLaunch { get; init; }
}
