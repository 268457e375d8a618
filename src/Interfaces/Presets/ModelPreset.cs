using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

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
/// <param name="Benchmark">Benchmark plan per hardware kind; key <c>*</c> is the default. Empty for a preset the old
/// system only sanity-checked (GSM8K, no serving sweep): see <see cref="HasBenchmark"/> and <see cref="TryBenchmarkFor"/>.</param>
/// <remarks><see cref="Offline"/> holds the offline (bench_one_batch) plans per hardware kind; null or empty
/// for presets that have none. <see cref="ModeSuffix"/> marks a variant preset (DeepSeek's DP attention, MTP, …).</remarks>
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

    /// <summary>
    /// Set on a variant preset (e.g. <c>dp_attention</c>, <c>mtp_test</c>): the run's mode is <c>online_&lt;suffix&gt;</c>,
    /// the old result-folder suffix, so variant runs continue the imported series. Null: plain <c>online</c>.
    /// Lower-case letters, digits and inner underscores, without the <c>online_</c> prefix.
    /// </summary>
    [Id(12)]
    public string? ModeSuffix { get; init; }

    /// <summary>The mode an online run of this preset is keyed by: <c>online</c>, or <c>online_&lt;ModeSuffix&gt;</c>.</summary>
    [JsonIgnore]
    public string OnlineMode => string.IsNullOrEmpty(ModeSuffix) ? "online" : $"online_{ModeSuffix}";

    /// <summary>False for a GSM8K-only preset (the old sanity check's models, DeepSeek's GSM8K-only modes): a run of it
    /// stops after the gate.</summary>
    [JsonIgnore]
    public bool HasBenchmark => Benchmark is { Count: > 0 };

    public HardwareLaunch LaunchFor(string hardware) =>
        Launch.TryGetValue(hardware, out var launch) ? launch
        : Launch.TryGetValue(AnyHardware, out var fallback) ? fallback
        : throw new InvalidOperationException($"Preset '{Name}' has no launch flags for hardware '{hardware}' and no '*' default.");

    /// <summary>The benchmark plan for <paramref name="hardware"/> (or the <c>*</c> default); throws when there is none,
    /// naming a GSM8K-only preset as such. Callers that can run the gate alone use <see cref="TryBenchmarkFor"/>.</summary>
    public BenchmarkPlan BenchmarkFor(string hardware) =>
        TryBenchmarkFor(hardware, out var plan) ? plan
        : !HasBenchmark ? throw new InvalidOperationException($"Preset '{Name}' has no benchmark plan: it runs GSM8K only (sanity check).")
        : throw new InvalidOperationException($"Preset '{Name}' has no benchmark plan for hardware '{hardware}' and no '*' default.");

    /// <summary>The benchmark plan for <paramref name="hardware"/> (or the <c>*</c> default), false when there is none.</summary>
    public bool TryBenchmarkFor(string hardware, [NotNullWhen(true)] out BenchmarkPlan? plan)
    {
        plan = null;
        return Benchmark is not null && (Benchmark.TryGetValue(hardware, out plan) || Benchmark.TryGetValue(AnyHardware, out plan));
    }

    public IReadOnlyList<OfflinePlan> OfflineFor(string hardware) =>
        Offline is { } offline && (offline.TryGetValue(hardware, out var plans) || offline.TryGetValue(AnyHardware, out plans)) && plans.Count > 0
            ? plans
            : throw new InvalidOperationException($"Preset '{Name}' has no offline plan for hardware '{hardware}' and no '*' default.");

    /// <summary>The PD disaggregation test per hardware kind (prefill, decode and router flags, GSM8K through the
    /// router); key <c>*</c> is the default. Null or empty: the preset has no PD test.</summary>
    [Id(13)]
    public IReadOnlyDictionary<string, PdPlan>? Pd { get; init; }

    public PdPlan PdFor(string hardware) =>
        Pd is { } pd && (pd.TryGetValue(hardware, out var plan) || pd.TryGetValue(AnyHardware, out plan))
            ? plan
            : throw new InvalidOperationException($"Preset '{Name}' has no PD plan for hardware '{hardware}' and no '*' default.");
}

/// <summary>Server arguments and environment for one hardware kind.</summary>
[GenerateSerializer, Immutable]
public sealed record HardwareLaunch(
    [property: Id(0)] IReadOnlyList<string> ServerArgs,
    [property: Id(1)] IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Weights on this hardware kind when they differ from the preset's <see cref="ModelPreset.ModelPath"/>
    /// (GPT-OSS: bf16 weights on mi30x, the original MXFP4 ones on mi35x; another models folder); null: the preset's.</summary>
    [Id(3)]
    public string? ModelPath { get; init; }

    /// <summary>Tokenizer on this hardware kind when it differs from the preset's <see cref="ModelPreset.TokenizerPath"/>; null: the preset's.</summary>
    [Id(4)]
    public string? TokenizerPath { get; init; }

    /// <summary>Steps run in order after the lease and before the server starts (aiter lock clean-up, a warm-up
    /// server); null or empty: none.</summary>
    [Id(2)]
    public IReadOnlyList<PreLaunchStep>? PreLaunch { get; init; }
}
