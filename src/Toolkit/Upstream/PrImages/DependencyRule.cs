namespace SglangCi.Toolkit.Upstream.PrImages;

/// <summary>One kind of changed file that a code-only PR image cannot take in, and why a full image build is needed for it.</summary>
/// <param name="Pattern">A path relative to the checkout: a folder prefix ending in <c>/</c> (<c>sgl-kernel/</c>: anything
/// under it), or a folder and a file name with at most one <c>*</c>, the folder matched exactly (<c>python/pyproject*.toml</c>;
/// <c>requirements*.txt</c> is the root's only) or, ending in <c>/**</c>, with everything under it
/// (<c>python/**/requirements*.txt</c>). A file name never matches in another folder: <c>benchmark/requirements.txt</c>
/// is a benchmark's, not the image's.</param>
/// <param name="Why">What the image would be missing, in words.</param>
public sealed record DependencyRule(string Pattern, string Why)
{
    private const string AnyDepth = "/**";

    public bool Matches(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Pattern.EndsWith('/'))
        {
            return path.StartsWith(Pattern, StringComparison.Ordinal);
        }

        var (folder, name) = Split(path);
        var (patternFolder, patternName) = Split(Pattern);
        var folderMatches = patternFolder.EndsWith(AnyDepth, StringComparison.Ordinal)
            ? folder == patternFolder[..^AnyDepth.Length] || folder.StartsWith(patternFolder[..^(AnyDepth.Length - 1)], StringComparison.Ordinal)
            : folder == patternFolder;
        return folderMatches && NameMatches(name, patternName);
    }

    private static bool NameMatches(string name, string pattern)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return name == pattern;
        }

        var (before, after) = (pattern[..star], pattern[(star + 1)..]);
        return name.Length >= before.Length + after.Length
            && name.StartsWith(before, StringComparison.Ordinal)
            && name.EndsWith(after, StringComparison.Ordinal);
    }

    /// <summary>The folder (empty for the root) and the file name of a path.</summary>
    private static (string Folder, string Name) Split(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? ("", path) : (path[..slash], path[(slash + 1)..]);
    }
}
