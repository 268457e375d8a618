using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Grains.Tests.Infrastructure;

/// <summary>Small presets and nodes so a whole pipeline on the simulator takes seconds.</summary>
public static class TestPresets
{
    public static NodeInventory Node(string name, int gpus = 8) =>
        new(name, Hardware: "sim", Host: $"{name}.test", GpuCount: gpus, EngineRuntimeKind.Simulated);

    /// <summary>GSM8K 2 × 50 questions, 2 load points × 8 prompts, 64 in / 32 out.</summary>
    public static ModelPreset Tiny(
        string name,
        int gpuCount = 8,
        double threshold = 0.5,
        Gsm8kGateRule rule = Gsm8kGateRule.EarlyExit,
        IReadOnlyDictionary<string, string>? simulator = null,
        BenchmarkPlan? plan = null) => new(
        name,
        Version: 0,
        Model: "TINY",
        Variant: "FP8",
        ModelPath: $"/models/{name}",
        TokenizerPath: null,
        Quantization: "fp8",
        GpuCount: gpuCount,
        Launch: new Dictionary<string, HardwareLaunch>
        {
            ["*"] = new(["--tp", gpuCount.ToString(System.Globalization.CultureInfo.InvariantCulture), "--trust-remote-code"], simulator ?? new Dictionary<string, string>()),
        },
        Gsm8k: new Gsm8kPlan(threshold, Trials: 2, Questions: 50, Parallel: 25, Shots: 5, rule),
        Benchmark: new Dictionary<string, BenchmarkPlan>
        {
            ["*"] = plan ?? new BenchmarkPlan(LoadKind.Concurrency, [new LoadPoint(1, 8), new LoadPoint(4, 8)], RunsPerPoint: 1, InputLength: 64, OutputLength: 32, RangeRatio: 1),
        });
}
