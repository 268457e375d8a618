using System.Text.Json;

namespace SglangCi.Toolkit.Downloads;

/// <summary>
/// The models a node needs on disk, as data (<c>deploy/downloads/models.json</c>, compiled into this assembly so an
/// installed CLI or a silo has it without the repo) instead of a bash table. Errors name the file and the JSON path,
/// so a typo in the catalog is found when it is loaded, not when a night's run cannot find its weights.
/// </summary>
public sealed class ModelDownloadCatalog
{
    /// <summary>Where the catalog lives in the repository.</summary>
    public const string RepositoryPath = "deploy/downloads/models.json";

    private const string ResourceName = "SglangCi.Toolkit.Downloads.models.json";

    private ModelDownloadCatalog(string source, IReadOnlyList<ModelDownloadEntry> entries)
    {
        Source = source;
        Entries = entries;
    }

    /// <summary>The file (or resource) the catalog came from, for messages.</summary>
    public string Source { get; }

    /// <summary>Entries in file order.</summary>
    public IReadOnlyList<ModelDownloadEntry> Entries { get; }

    /// <summary>Every hardware name some entry uses, sorted (what <c>--hardware</c> accepts).</summary>
    public IReadOnlyList<string> HardwareNames => Entries.SelectMany(e => e.Hardware).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();

    /// <summary>The catalog shipped with this build.</summary>
    public static ModelDownloadCatalog LoadShipped()
    {
        using var stream = typeof(ModelDownloadCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The shipped catalog resource {ResourceName} is missing from {typeof(ModelDownloadCatalog).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), RepositoryPath + " (shipped)");
    }

    /// <summary>Reads a catalog file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid catalog; the message names the file and JSON path.</exception>
    public static ModelDownloadCatalog Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model download catalog '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses catalog JSON; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">Malformed JSON or an invalid entry, with file and JSON path.</exception>
    public static ModelDownloadCatalog Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, "$.models", "expected an object of model entries keyed by name");
            }

            var entries = new List<ModelDownloadEntry>();
            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var model in models.EnumerateObject())
            {
                var path = $"$.models['{model.Name}']";
                if (!keys.Add(model.Name))
                {
                    throw Invalid(source, path, "duplicate key (keys are case-insensitive)");
                }

                entries.Add(ParseEntry(model.Name, model.Value, source, path));
            }

            return new ModelDownloadCatalog(source, entries);
        }
    }

    /// <summary>The entry named <paramref name="key"/> (case-insensitive), or null.</summary>
    public ModelDownloadEntry? Find(string key) => Entries.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The models a node of <paramref name="hardware"/> needs: its own entries plus the shared ones (as the old
    /// <c>--hardware</c> picked the GPT-OSS variant of that hardware plus everything else).
    /// </summary>
    public IReadOnlyList<ModelDownloadEntry> ForHardware(string hardware)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hardware);
        return Entries.Where(e => e.IsFor(hardware)).ToList();
    }

    /// <summary>
    /// The entries named by <paramref name="keys"/> (case-insensitive, in the order given, each once), or, with no keys, the
    /// entries of <paramref name="hardware"/> (every entry when that is null too). What the CLI's <c>--model</c> and
    /// <c>--hardware</c> and a model-download job's <c>models</c> option pick.
    /// </summary>
    /// <exception cref="ArgumentException">A key the catalog does not have, or (with <paramref name="hardware"/>) a key that
    /// hardware does not use; the message names what exists.</exception>
    public IReadOnlyList<ModelDownloadEntry> Select(IReadOnlyCollection<string> keys, string? hardware)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return hardware is null ? Entries : ForHardware(hardware);
        }

        var selected = new List<ModelDownloadEntry>();
        foreach (var key in keys)
        {
            var entry = Find(key)
                ?? throw new ArgumentException($"Unknown model '{key}'; the catalog ({Source}) has {string.Join(", ", Entries.Select(e => e.Key))}.");
            if (hardware is not null && !entry.IsFor(hardware))
            {
                throw new ArgumentException($"Model {entry.Key} is not used on {hardware} (catalog hardware: {string.Join(", ", entry.Hardware)}).");
            }

            if (!selected.Contains(entry))
            {
                selected.Add(entry);
            }
        }

        return selected;
    }

    private static ModelDownloadEntry ParseEntry(string key, JsonElement element, string source, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, path, "expected an object");
        }

        if (string.IsNullOrWhiteSpace(key) || key.Any(char.IsWhiteSpace))
        {
            throw Invalid(source, path, "the key must be a non-empty name without spaces");
        }

        var repo = RequiredString(element, "hfRepo", source, path);
        var repoParts = repo.Split('/');
        if (repoParts.Length != 2 || repoParts.Any(p => p.Length == 0))
        {
            throw Invalid(source, $"{path}.hfRepo", $"'{repo}' is not a repo id like 'org/name'");
        }

        var localDir = RequiredString(element, "localDir", source, path);
        if (Path.IsPathRooted(localDir) || localDir.Contains('\\', StringComparison.Ordinal) || localDir.Split('/').Any(s => s is "" or "." or ".."))
        {
            throw Invalid(source, $"{path}.localDir", $"'{localDir}' must be a relative path below the base directory (no '..', no leading '/')");
        }

        if (!element.TryGetProperty("approxSizeGb", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetDouble(out var sizeGb) || sizeGb <= 0)
        {
            throw Invalid(source, $"{path}.approxSizeGb", "required, a number above 0");
        }

        if (!element.TryGetProperty("hardware", out var hardware) || hardware.ValueKind != JsonValueKind.Array || hardware.GetArrayLength() == 0)
        {
            throw Invalid(source, $"{path}.hardware", "required, a non-empty array like [\"mi30x\", \"mi35x\"]");
        }

        var hw = new List<string>();
        var index = 0;
        foreach (var item in hardware.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                throw Invalid(source, $"{path}.hardware[{index}]", "expected a hardware name like \"mi35x\"");
            }

            hw.Add(item.GetString()!.Trim().ToLowerInvariant());
            index++;
        }

        string? revision = null;
        if (element.TryGetProperty("revision", out var rev) && rev.ValueKind != JsonValueKind.Null)
        {
            revision = rev.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(rev.GetString())
                ? rev.GetString()
                : throw Invalid(source, $"{path}.revision", "expected a branch, tag or commit string");
        }

        return new ModelDownloadEntry(key, repo, localDir, sizeGb, hw, revision);
    }

    private static string RequiredString(JsonElement element, string name, string source, string path) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : throw Invalid(source, $"{path}.{name}", "required, a non-empty string");

    private static InvalidDataException Invalid(string source, string path, string problem) => new($"{source}: {path}: {problem}.");
}
