using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>An image as Docker lists it: id, tags (none when dangling), labels, creation time and size.</summary>
public sealed record DockerImageFacts(string Id, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, string> Labels, DateTimeOffset Created, long SizeBytes)
{
    public bool Dangling => Tags.Count == 0 || Tags.All(t => t is "<none>:<none>" or "<none>@<none>");
}

/// <summary>A file found in a core-dump folder.</summary>
public sealed record CoreDumpFacts(string Path, long SizeBytes, DateTimeOffset LastWrite);

[JsonConverter(typeof(JsonStringEnumConverter<HousekeepingItemKind>))]
public enum HousekeepingItemKind
{
    Image,
    DanglingImage,
    CoreDump,
}

/// <summary>Something the plan removes: <see cref="RemoveBy"/> are the tags (or the id, or the path) to delete.</summary>
public sealed record HousekeepingCandidate(HousekeepingItemKind Kind, string Name, IReadOnlyList<string> RemoveBy, long SizeBytes, DateTimeOffset Created, string Reason);

/// <summary>Something of ours the plan leaves, and why.</summary>
public sealed record HousekeepingKept(HousekeepingItemKind Kind, string Name, string Reason);

public sealed record HousekeepingPlan(IReadOnlyList<HousekeepingCandidate> Remove, IReadOnlyList<HousekeepingKept> Kept);

/// <summary>
/// Decides, without touching anything, what housekeeping removes. An image qualifies when no container (ours or not)
/// uses it and either it is ours (a tag in <see cref="HousekeepingOptions.EffectiveRepositories"/> or a label in
/// <see cref="HousekeepingOptions.EffectiveLabels"/>) and older than <see cref="HousekeepingOptions.OlderThanDays"/>,
/// or it is dangling. Of an image that is ours by repository only its tags in our repositories are removed (another
/// tag keeps it). A core dump qualifies when its last write is older than <see cref="HousekeepingOptions.CoreDumpMinimumAge"/>.
/// </summary>
public static class HousekeepingPlanner
{
    public static HousekeepingPlan Plan(
        IReadOnlyList<DockerImageFacts> images, IReadOnlySet<string> imagesInUse, IReadOnlyList<CoreDumpFacts> coreDumps, HousekeepingOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(imagesInUse);
        ArgumentNullException.ThrowIfNull(coreDumps);
        ArgumentNullException.ThrowIfNull(options);
        var remove = new List<HousekeepingCandidate>();
        var kept = new List<HousekeepingKept>();
        var cutoff = now - TimeSpan.FromDays(Math.Max(0, options.OlderThanDays));
        var repositories = options.EffectiveRepositories.Select(Glob).ToList();

        foreach (var image in images.OrderBy(i => i.Created))
        {
            var used = imagesInUse.Contains(image.Id);
            if (image.Dangling)
            {
                if (!options.RemoveDangling)
                {
                    continue;
                }

                if (used)
                {
                    kept.Add(new HousekeepingKept(HousekeepingItemKind.DanglingImage, ShortId(image.Id), "used by a container"));
                    continue;
                }

                remove.Add(new HousekeepingCandidate(HousekeepingItemKind.DanglingImage, ShortId(image.Id), [image.Id], image.SizeBytes, image.Created, "dangling"));
                continue;
            }

            var ourTags = image.Tags.Where(t => repositories.Any(r => r.IsMatch(RepositoryOf(t)))).ToList();
            var labelled = options.EffectiveLabels.Any(l => HasLabel(image.Labels, l));
            if (ourTags.Count == 0 && !labelled)
            {
                continue; // not ours: never touched
            }

            var name = string.Join(", ", labelled ? image.Tags : ourTags);
            if (used)
            {
                kept.Add(new HousekeepingKept(HousekeepingItemKind.Image, name, "used by a container"));
            }
            else if (image.Created > cutoff)
            {
                kept.Add(new HousekeepingKept(HousekeepingItemKind.Image, name, $"younger than {options.OlderThanDays} day(s)"));
            }
            else
            {
                // Ours by label: all of it; ours by repository: our tags (the image goes when they were its only ones).
                var removeBy = labelled ? [image.Id] : ourTags;
                var wholeImage = labelled || ourTags.Count == image.Tags.Count;
                remove.Add(new HousekeepingCandidate(HousekeepingItemKind.Image, name, removeBy, wholeImage ? image.SizeBytes : 0, image.Created,
                    $"ours, created {Age(now - image.Created)} ago"));
            }
        }

        foreach (var dump in coreDumps.OrderBy(d => d.Path, StringComparer.Ordinal))
        {
            if (now - dump.LastWrite >= options.CoreDumpMinimumAge)
            {
                remove.Add(new HousekeepingCandidate(HousekeepingItemKind.CoreDump, dump.Path, [dump.Path], dump.SizeBytes, dump.LastWrite, $"core dump, written {Age(now - dump.LastWrite)} ago"));
            }
            else
            {
                kept.Add(new HousekeepingKept(HousekeepingItemKind.CoreDump, dump.Path, $"younger than {options.CoreDumpMinimumAge}"));
            }
        }

        return new HousekeepingPlan(remove, kept);
    }

    /// <summary>Whether <paramref name="fileName"/> matches one of the core-dump patterns.</summary>
    public static bool IsCoreDump(string fileName, HousekeepingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.EffectiveCoreDumpPatterns.Any(p => Glob(p).IsMatch(fileName));
    }

    /// <summary>The repository of a tag: <c>registry:5000/rocm/sgl-dev:v1</c> → <c>registry:5000/rocm/sgl-dev</c>.</summary>
    public static string RepositoryOf(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var at = tag.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            tag = tag[..at];
        }

        var colon = tag.LastIndexOf(':');
        return colon > tag.LastIndexOf('/') ? tag[..colon] : tag;
    }

    public static string ShortId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var hex = id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..] : id;
        return hex.Length > 12 ? hex[..12] : hex;
    }

    private static bool HasLabel(IReadOnlyDictionary<string, string> labels, string label)
    {
        var equals = label.IndexOf('=', StringComparison.Ordinal);
        return equals < 0
            ? labels.ContainsKey(label)
            : labels.TryGetValue(label[..equals], out var value) && value == label[(equals + 1)..];
    }

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static string Age(TimeSpan age) =>
        age.TotalDays >= 1 ? FormattableString.Invariant($"{age.TotalDays:0.#} d")
        : age.TotalHours >= 1 ? FormattableString.Invariant($"{age.TotalHours:0.#} h")
        : FormattableString.Invariant($"{Math.Max(0, age.TotalMinutes):0} min");
}
