namespace SglangCi.Grains.Tests.Infrastructure;

/// <summary>Where the repository and the shared read-only data (GSM8K test set) are, found from the test binaries.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shared folder: env <c>SGLCI_SHARED_DIR</c>, else <c>&lt;repo&gt;/../shared</c>.</summary>
    public static string Shared { get; } =
        Environment.GetEnvironmentVariable("SGLCI_SHARED_DIR") is { Length: > 0 } shared
            ? Path.GetFullPath(shared)
            : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Gsm8kDataset => Path.Combine(Shared, "datasets", "gsm8k", "test.jsonl");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SglangCi.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"SglangCi.sln not found above {AppContext.BaseDirectory}");
    }
}
