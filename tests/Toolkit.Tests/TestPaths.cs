namespace SglangCi.Toolkit.Tests;

/// <summary>
/// Locates the read-only shared folder (real seed logs, the GSM8K file) so tests read real data in place:
/// <c>SGLCI_SHARED_DIR</c> if set, else <c>../shared</c> next to the repository root.
/// </summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The folder holding SglangCi.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot => Root.Value;

    public static string SharedDirectory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("SGLCI_SHARED_DIR");
            return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(RepositoryRoot, "..", "shared") : configured);
        }
    }

    public static string SeedHistory => Path.Combine(SharedDirectory, "seed-history");

    public static string OnlineBenchmarkLogs => Path.Combine(SeedHistory, "online_benchmark_log");

    public static string Gsm8kTestFile => Path.Combine(SharedDirectory, "datasets", "gsm8k", "test.jsonl");

    /// <summary>A file under seed-history; fails with the full path when it is missing, so a moved shared folder is obvious.</summary>
    public static string SeedFile(string relativePath)
    {
        var path = Path.Combine(SeedHistory, relativePath);
        Assert.True(File.Exists(path), $"Shared test file not found: {path} (set SGLCI_SHARED_DIR).");
        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SglangCi.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"SglangCi.sln not found above {AppContext.BaseDirectory}.");
    }
}
