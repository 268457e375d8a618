namespace SglangCi.Toolkit.History;

/// <summary>
/// Where an imported fact came from: the file's path relative to the imported tree's root (always with '/'), and
/// the 1-based line that holds it (0 when the fact is the file as a whole, such as a footer-less outcome).
/// </summary>
public readonly record struct SourceRef(string Path, int Line)
{
    public override string ToString() => Line > 0 ? $"{Path}:{Line}" : Path;
}
