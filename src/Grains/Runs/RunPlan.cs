using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>Everything one pipeline execution needs, resolved by the grain when the run starts.</summary>
public sealed record RunPlan(
    string RunId,
    string NodeName,
    int GpuCount,
    EngineLaunch Launch,
    Gsm8kPlan Gsm8k,
    BenchmarkPlan Benchmark)
{
    /// <summary>Online: engine, GSM8K gate, bench_serving sweep. Offline: bench_one_batch per case of <see cref="Offline"/>.</summary>
    public RunMode Mode { get; init; } = RunMode.Online;

    /// <summary>The offline plans (modes) for the node's hardware; empty for an online run.</summary>
    public IReadOnlyList<OfflinePlan> Offline { get; init; } = [];

    /// <summary>The hardware launch's pre-launch steps, run in order after the lease and before the server; empty for none.</summary>
    public IReadOnlyList<PreLaunchStep> PreLaunch { get; init; } = [];
}
