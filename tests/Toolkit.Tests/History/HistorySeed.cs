using SglangCi.Toolkit.History;

namespace SglangCi.Toolkit.Tests.History;

/// <summary>Reads seed-history files the way the importer will: text plus the path relative to the tree root, with '/'.</summary>
internal static class HistorySeed
{
    public static string Text(string relativePath) => File.ReadAllText(TestPaths.SeedFile(relativePath));

    /// <summary>Every file under <paramref name="folder"/> (relative to seed-history) whose name satisfies <paramref name="match"/>, as relative paths in a stable order.</summary>
    public static IReadOnlyList<string> Files(string folder, Func<string, bool> match)
    {
        var root = Path.Combine(TestPaths.SeedHistory, folder);
        Assert.True(Directory.Exists(root), $"Shared test folder not found: {root} (set SGLCI_SHARED_DIR).");
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => match(Path.GetFileName(f)))
            .Select(f => Path.GetRelativePath(TestPaths.SeedHistory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The tag of the folder (or file name) that holds a seed file: its parent folder, or the file's own name for unit logs.</summary>
    public static ImageTag Tag(string name)
    {
        Assert.True(ImageTag.TryParse(name, out var tag), $"no image tag in '{name}'");
        return tag;
    }

    public static ImageTag FolderTag(string relativePath) => Tag(Path.GetFileName(Path.GetDirectoryName(relativePath)!));
}
