using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Grains.Runs;

/// <summary>Everything one pipeline execution needs, resolved by the grain when the run starts.</summary>
public sealed record RunPlan(
    string RunId,
    string NodeName,
    int GpuCount,
    EngineLaunch Launch,
    Gsm8kPlan Gsm8k,
    BenchmarkPlan Benchmark);
