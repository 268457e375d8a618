using System.Reflection;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// Where the end-to-end test finds things: the repository (the folder holding SglangCi.sln, walking up
/// from the test binaries), the shared folder beside it, and the built Web and CLI assemblies in their
/// projects' bin folders for the configuration this test was built in.
/// </summary>
public sealed class RepositoryLayout
{
    private const string TargetFramework = "net10.0";

    private RepositoryLayout(string root)
    {
        Root = root;
    }

    public string Root { get; }

    /// <summary><c>SGLCI_SHARED_DIR</c>, else <c>../shared</c> from the repository root.</summary>
    public string SharedDirectory =>
        Environment.GetEnvironmentVariable("SGLCI_SHARED_DIR") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public string Gsm8kDataset => Path.Combine(SharedDirectory, "datasets", "gsm8k", "test.jsonl");

    /// <summary><c>SGLCI_WEB_DLL</c>, else src/Web's build output.</summary>
    public string WebAssembly => Locate("SGLCI_WEB_DLL", Path.Combine("src", "Web"), "SglangCi.Web.dll");

    /// <summary><c>SGLCI_CLI_DLL</c>, else src/Cli's build output.</summary>
    public string CliAssembly => Locate("SGLCI_CLI_DLL", Path.Combine("src", "Cli"), "sglang-ci.dll");

    /// <summary><c>SGLCI_SILO_DLL</c>, else src/Silo's build output (one silo per GPU host).</summary>
    public string SiloAssembly => Locate("SGLCI_SILO_DLL", Path.Combine("src", "Silo"), "SglangCi.Silo.dll");

    public static RepositoryLayout Discover()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SglangCi.sln")))
            {
                return new RepositoryLayout(directory.FullName);
            }
        }

        throw new InvalidOperationException($"No SglangCi.sln in {AppContext.BaseDirectory} or any folder above it.");
    }

    private string Locate(string overrideVariable, string project, string assembly)
    {
        if (Environment.GetEnvironmentVariable(overrideVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? Path.GetFullPath(configured)
                : throw new FileNotFoundException($"{overrideVariable} points at {configured}, which does not exist.");
        }

        // The project references build Web and Cli with this test's configuration; look there first, then
        // in the other one (a Release test run against a Debug build a developer already has).
        var candidates = new[] { BuildConfiguration, "Debug", "Release" }
            .Distinct(StringComparer.Ordinal)
            .Select(configuration => Path.Combine(Root, project, "bin", configuration, TargetFramework, assembly))
            .ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{assembly} is not built; looked at: {string.Join(", ", candidates)}. Build the solution first.");
    }

    private static string BuildConfiguration =>
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration
            ? configuration
            : "Debug";
}
