namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>An image reference split the way Docker's create-image call takes it: repository and tag, or a digest reference whole.</summary>
public readonly record struct DockerImageReference(string Repository, string? Tag)
{
    /// <summary><c>repo:tag</c> → (repo, tag); <c>repo</c> → (repo, latest), never "every tag"; <c>repo@sha256:…</c> stays whole.</summary>
    public static DockerImageReference Parse(string image)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var text = image.Trim();
        if (text.Contains('@', StringComparison.Ordinal))
        {
            return new DockerImageReference(text, null);
        }

        var colon = text.LastIndexOf(':');
        return colon > text.LastIndexOf('/') && colon < text.Length - 1
            ? new DockerImageReference(text[..colon], text[(colon + 1)..])
            : new DockerImageReference(text, "latest");
    }

    public override string ToString() => Tag is null ? Repository : $"{Repository}:{Tag}";
}
