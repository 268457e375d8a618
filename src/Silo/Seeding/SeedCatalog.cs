using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Silo.Seeding;

/// <summary>
/// The presets and schedules shipped in <c>deploy/</c> (compiled into this assembly), read with errors that
/// name the file and the JSON path, so a broken catalog file is found at build-and-start time, not at 2 a.m.
/// </summary>
public static class SeedCatalog
{
    private const string PresetPrefix = "SglangCi.Seed.presets.";
    private const string SchedulePrefix = "SglangCi.Seed.schedules.";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static IReadOnlyList<ModelPreset> Presets() => Load<ModelPreset>(PresetPrefix, "presets");

    public static IReadOnlyList<ScheduleDefinition> Schedules() => Load<ScheduleDefinition>(SchedulePrefix, "schedules");

    /// <summary>Parses one catalog document; <paramref name="source"/> names it in errors.</summary>
    public static T Parse<T>(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json)
                ?? throw new InvalidDataException($"{source}: the document is empty (null).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
    }

    private static List<T> Load<T>(string prefix, string folder)
    {
        var assembly = typeof(SeedCatalog).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Parse<T>(ReadResource(assembly, n), $"deploy/{folder}/{n[prefix.Length..]}"))
            .ToList();
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
