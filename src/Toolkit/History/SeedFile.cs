namespace SglangCi.Toolkit.History;

/// <summary>A file of the imported tree, already read: its path relative to the tree's root (with '/') and its text.</summary>
public sealed record SeedFile(string RelativePath, string Text)
{
    public string Name => RelativePath[(RelativePath.LastIndexOf('/') + 1)..];
}
