namespace SglangCi.Toolkit.Images;

/// <summary>
/// A Docker Hub repository, <c>rocm/sgl-dev</c>: the namespace and name the tags API puts in its path. A bare name
/// (<c>ubuntu</c>) is an official image, which Docker Hub keeps under the <c>library</c> namespace.
/// </summary>
public sealed record ImageRepository(string Namespace, string Name)
{
    /// <summary>Where AMD publishes the SGLang ROCm nightlies; the old CI pulled only from here.</summary>
    public static readonly ImageRepository SglDev = new("rocm", "sgl-dev");

    /// <summary>Reads <c>namespace/name</c> (or a bare official name). Throws <see cref="ArgumentException"/> on anything else.</summary>
    public static ImageRepository Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var parts = text.Trim().Split('/');
        return parts switch
        {
            [var name] when IsSegment(name) => new ImageRepository("library", name),
            [var ns, var name] when IsSegment(ns) && IsSegment(name) => new ImageRepository(ns, name),
            _ => throw new ArgumentException($"'{text}' is not a Docker Hub repository like rocm/sgl-dev.", nameof(text)),
        };
    }

    /// <summary>The full image name of one of this repository's tags, as <c>docker pull</c> takes it.</summary>
    public string ImageOf(string tag) => $"{this}:{tag}";

    public override string ToString() => $"{Namespace}/{Name}";

    // Docker Hub names are lower-case letters, digits and separators; anything with a colon or space is a typo
    // (an image with its tag, a URL) that would otherwise turn into a confusing 404.
    private static bool IsSegment(string segment) =>
        segment.Length > 0 && segment.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.');
}
