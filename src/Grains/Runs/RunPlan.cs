using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>Everything one pipeline execution needs, resolved by the grain when the run starts.</summary>
/// <param name="Gsm8k">The preset's GSM8K plan; null for kinds that run no model.</param>
/// <param name="Benchmark">The preset's online sweep for the node's hardware; null when it has none (a GSM8K-only preset)
/// or the kind runs no model.</param>
public sealed record RunPlan(
    string RunId,
    string NodeName,
    int GpuCount,
    EngineLaunch Launch,
    Gsm8kPlan? Gsm8k,
    BenchmarkPlan? Benchmark)
{
    /// <summary>What kind of work the run does; <see cref="Kinds.RunKindCatalog"/> maps it to the code that does it.</summary>
    public RunMode Mode { get; init; } = RunMode.Online;

    /// <summary>The node's hardware kind (<c>mi30x</c>, <c>sim</c>, …).</summary>
    public string Hardware { get; init; } = "";

    /// <summary>The job's own settings; empty for the kind's defaults.</summary>
    public RunOptions Options { get; init; } = new();

    /// <summary>The offline plans (modes) for the node's hardware; empty for an online run.</summary>
    public IReadOnlyList<OfflinePlan> Offline { get; init; } = [];

    /// <summary>The hardware launch's pre-launch steps, run in order after the lease and before the server; empty for none.</summary>
    public IReadOnlyList<PreLaunchStep> PreLaunch { get; init; } = [];

    /// <summary>The preset's PD plan for the node's hardware; set for a PD disaggregation run only.</summary>
    public PdPlan? Pd { get; init; }

    /// <summary>The night this run stands for (its image's date), for kinds that report on a night.</summary>
    public DateOnly? ImageDate { get; init; }
}
