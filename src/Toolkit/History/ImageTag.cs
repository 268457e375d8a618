using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SglangCi.Toolkit.History;

/// <summary>
/// A nightly SGLang ROCm image tag, <c>v0.5.6.post2-rocm700-mi30x-20251216</c>: the engine version, the ROCm build,
/// the hardware it was built for and the image date. The date comes from the tag, never from the folder or file
/// that holds a result: reruns and yesterday-image fallbacks write under other dates.
/// </summary>
public sealed partial record ImageTag(string Tag, string Version, string Rocm, string Hardware, DateOnly Date)
{
    /// <summary>The registry repository the old CI pulled from; used to spell the full image name.</summary>
    public const string SeedRepository = "rocm/sgl-dev";

    public string Image => $"{SeedRepository}:{Tag}";

    /// <summary>
    /// Reads a tag, alone or with its repository (<c>rocm/sgl-dev:v0.5.6-…</c>), or at the start of a longer name
    /// (<c>v0.5.6-rocm700-mi30x-20251206_GROK1_…</c>, <c>…-20251120_rerun2</c>). A release-candidate build keeps its
    /// <c>-RC</c> suffix in <see cref="Tag"/>, so it is never mistaken for that day's nightly.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageTag? tag)
    {
        tag = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = TagPattern().Match(text);
        if (!match.Success
            || !DateOnly.TryParseExact(match.Groups["date"].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        tag = new ImageTag(
            match.Groups["tag"].Value,
            match.Groups["version"].Value,
            match.Groups["rocm"].Value,
            match.Groups["hw"].Value,
            date);
        return true;
    }

    public override string ToString() => Tag;

    [GeneratedRegex(@"(?:^|[:/\s])(?<tag>(?<version>v\d+\.\d+\.\d+(?:\.post\d+|rc\d+)*)-(?<rocm>rocm\d+)-(?<hw>[a-z0-9]+)-(?<date>\d{8})(?:-RC)?)(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
