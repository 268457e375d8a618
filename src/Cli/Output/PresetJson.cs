using SglangCi.Interfaces.Presets;

namespace SglangCi.Cli.Output;

/// <summary>The JSON shape of one preset in <c>presets --json</c>: identity and the default benchmark plan.</summary>
public sealed record PresetJson(
    string Name,
    int Version,
    string Model,
    string Variant,
    int Gpus,
    double? Gsm8kThreshold,
    string? LoadKind,
    IReadOnlyList<double> Points)
{
    public static PresetJson From(ModelPreset preset)
    {
        var plan = DefaultPlan(preset);
        return new PresetJson(
            preset.Name,
            preset.Version,
            preset.Model,
            preset.Variant,
            preset.GpuCount,
            WireFormat.Number(preset.Gsm8k.Threshold),
            plan is null ? null : WireFormat.Lower(plan.LoadKind),
            plan?.Points.Select(p => p.Load).ToList() ?? []);
    }

    /// <summary>The plan that applies where no hardware-specific one exists; else the first one defined.</summary>
    public static BenchmarkPlan? DefaultPlan(ModelPreset preset) =>
        preset.Benchmark.TryGetValue(ModelPreset.AnyHardware, out var plan) ? plan
        : preset.Benchmark.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).FirstOrDefault();
}
