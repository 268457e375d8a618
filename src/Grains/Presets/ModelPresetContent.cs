using System.Text.Json;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Grains.Presets;

/// <summary>
/// Content equality of presets, ignoring <see cref="ModelPreset.Version"/>: records compare collections by
/// reference, and a re-saved catalog file must keep its version, so presets are compared in a canonical
/// JSON form (dictionary keys sorted).
/// </summary>
public static class ModelPresetContent
{
    public static bool SameContent(ModelPreset a, ModelPreset b) => Canonical(a) == Canonical(b);

    public static string Canonical(ModelPreset preset)
    {
        var normalized = preset with
        {
            Version = 0,
            Launch = new SortedDictionary<string, HardwareLaunch>(
                preset.Launch.ToDictionary(
                    kv => kv.Key,
                    kv => kv.Value with { Environment = new SortedDictionary<string, string>(kv.Value.Environment.ToDictionary(), StringComparer.Ordinal) }),
                StringComparer.Ordinal),
            Benchmark = new SortedDictionary<string, BenchmarkPlan>(
                preset.Benchmark.ToDictionary(
                    kv => kv.Key,
                    kv => kv.Value is not { } plan ? kv.Value
                        : plan.Goodput is { Count: > 0 } goodput ? plan with { Goodput = new SortedDictionary<string, double>(goodput.ToDictionary(), StringComparer.Ordinal) }
                        : plan with { Goodput = null }),
                StringComparer.Ordinal),
            Offline = preset.Offline is { Count: > 0 } offline
                ? new SortedDictionary<string, IReadOnlyList<OfflinePlan>>(offline.ToDictionary(), StringComparer.Ordinal)
                : null,
        };
        return JsonSerializer.Serialize(normalized);
    }
}
