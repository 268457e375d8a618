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

    /// <summary>Every schedule of every <c>deploy/schedules</c> file; a name used twice is an error naming both files.</summary>
    public static IReadOnlyList<ScheduleDefinition> Schedules()
    {
        var schedules = new List<ScheduleDefinition>();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (source, json) in Resources(SchedulePrefix, "schedules"))
        {
            foreach (var schedule in ParseSchedules(json, source))
            {
                if (!sources.TryAdd(schedule.Name, source))
                {
                    throw new InvalidDataException($"{source}: schedule '{schedule.Name}' is also defined in {sources[schedule.Name]}");
                }

                schedules.Add(schedule);
            }
        }

        return schedules;
    }

    /// <summary>
    /// One schedule file: a schedule object, or <c>{ "schedules": [ … ] }</c> for a machine's whole night (one
    /// schedule per crontab time slot). Errors name <paramref name="source"/> and the JSON path.
    /// </summary>
    public static IReadOnlyList<ScheduleDefinition> ParseSchedules(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{source}: $ must be a schedule object or {{ \"schedules\": [ … ] }}, not {document.RootElement.ValueKind}");
            }

            if (!TryGetList(document.RootElement, out var list))
            {
                return [Parse<ScheduleDefinition>(document.RootElement.GetRawText(), source)];
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{source}: $.schedules must be an array, not {list.ValueKind}");
            }

            return [.. list.EnumerateArray().Select((element, i) => Parse<ScheduleDefinition>(element.GetRawText(), $"{source}: $.schedules[{i}]"))];
        }
    }

    /// <summary>The schedule first start fires once right away (if enabled), so a new dashboard has a night within minutes.</summary>
    public const string FirstNightSchedule = "sim-nightly";

    /// <summary>The schedule first start fires once the first night's runs have all ended: its daily summary.</summary>
    public const string FirstNightSummarySchedule = "sim-daily-summary";

    /// <summary>
    /// Only the simulated night fires at first start: the DeepSeek variants would make the first wait long. The daily
    /// summary follows once that night is over (<see cref="FirstNightSummarySchedule"/>); fired at once it would report
    /// a night whose runs have only just been queued.
    /// </summary>
    public static bool FiresAtFirstStart(ScheduleDefinition schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return schedule.Enabled && schedule.Name == FirstNightSchedule;
    }

    /// <summary>Whether first start fires <paramref name="schedule"/> after the first night's runs have ended.</summary>
    public static bool FiresAfterFirstNight(ScheduleDefinition schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return schedule.Enabled && schedule.Name == FirstNightSummarySchedule;
    }

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

    private static List<T> Load<T>(string prefix, string folder) =>
        Resources(prefix, folder).Select(r => Parse<T>(r.Json, r.Source)).ToList();

    /// <summary>The embedded files of one folder, in name order, each with the path errors name it by.</summary>
    private static IEnumerable<(string Source, string Json)> Resources(string prefix, string folder)
    {
        var assembly = typeof(SeedCatalog).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => ($"deploy/{folder}/{n[prefix.Length..]}", ReadResource(assembly, n)));
    }

    /// <summary>The "schedules" property, matched case-insensitively as the rest of the catalog is.</summary>
    private static bool TryGetList(JsonElement root, out JsonElement list)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, "schedules", StringComparison.OrdinalIgnoreCase))
            {
                list = property.Value;
                return true;
            }
        }

        list = default;
        return false;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
