namespace SglangCi.Grains.Runtime;

/// <summary>
/// What a kept image says about itself. A runtime that commits an image labels it with <see cref="BaseImage"/>,
/// <see cref="RunId"/> and <see cref="Tags"/>, and turns every launch environment entry named
/// <see cref="EnvironmentPrefix"/><c>NAME</c> into the label <see cref="Prefix"/><c>name</c> (lower case, <c>_</c> as
/// <c>-</c>), so a kind can describe its image (the PR, the commit) without a runtime API of its own. Those entries are
/// the runtime's, not the image's: they are left out of the committed image's environment.
/// </summary>
public static class ImageCommitLabels
{
    public const string Prefix = "sglang-ci.image.";
    public const string BaseImage = Prefix + "base";
    public const string RunId = Prefix + "run-id";
    public const string Tags = Prefix + "tags";

    /// <summary>Launch environment entries that become labels of the kept image.</summary>
    public const string EnvironmentPrefix = "SGLCI_IMAGE_LABEL_";

    /// <summary>The label of a launch environment entry, or null when the entry is not a label request.</summary>
    public static string? LabelOf(string environmentKey) =>
        environmentKey.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) && environmentKey.Length > EnvironmentPrefix.Length
            ? Prefix + environmentKey[EnvironmentPrefix.Length..].ToLowerInvariant().Replace('_', '-')
            : null;

    /// <summary>Every label a runtime puts on an image kept from <paramref name="launch"/>.</summary>
    public static IReadOnlyDictionary<string, string> For(Interfaces.Nodes.EngineLaunch launch, IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(tags);
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [BaseImage] = launch.Image,
            [RunId] = launch.RunId,
            [Tags] = string.Join(' ', tags),
        };
        foreach (var (key, value) in launch.Environment)
        {
            if (LabelOf(key) is { } label)
            {
                labels[label] = value;
            }
        }

        return labels;
    }
}
