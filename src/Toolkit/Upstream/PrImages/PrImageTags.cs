namespace SglangCi.Toolkit.Upstream.PrImages;

/// <summary>
/// The local tags a PR image gets, as the old <c>build_sglang_docker.sh</c> named them: the source's stem
/// (<c>sglang-pr7</c>, moved to the newest build, for "the image of PR 7") and the stem with the commit's first seven hex
/// digits (<c>sglang-pr7-1a2b3c4</c>, never moved, for "exactly that commit").
/// </summary>
public static class PrImageTags
{
    /// <summary>Hex digits of the commit in the pinned tag (git's short form).</summary>
    public const int ShortShaLength = 7;

    /// <summary>Both tags; throws <see cref="ArgumentException"/> for a <paramref name="sha"/> that is not a full hex commit id.</summary>
    public static IReadOnlyList<string> For(PrImageSource source, string sha)
    {
        ArgumentNullException.ThrowIfNull(source);
        return [source.TagStem, $"{source.TagStem}-{Short(sha)}"];
    }

    /// <summary>The first seven hex digits of a commit id; throws for anything but 40 (SHA-1) or 64 (SHA-256) hex digits.</summary>
    public static string Short(string sha) =>
        IsCommitId(sha) ? sha[..ShortShaLength].ToLowerInvariant() : throw new ArgumentException($"'{sha}' is not a git commit id (40 or 64 hex digits)");

    public static bool IsCommitId(string? sha) => sha is { Length: 40 or 64 } && sha.All(char.IsAsciiHexDigit);
}
