using Microsoft.Extensions.Configuration;

namespace SglangCi.Silo.Storage;

/// <summary>Decides the data directory once, the same way for the silo, the dashboard and the CLI.</summary>
public static class DataDirectoryResolver
{
    public const string EnvironmentVariable = "SGLCI_DATA_DIR";

    public const string ConfigurationKey = "SglangCi:DataDir";

    public const string DefaultDirectory = "./data";

    /// <summary>
    /// <c>SGLCI_DATA_DIR</c> wins, then <c>SglangCi:DataDir</c>, then <c>./data</c>; a relative path is
    /// taken from the current directory. Returns the absolute path, created if missing.
    /// </summary>
    public static string Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = FirstNonBlank(Environment.GetEnvironmentVariable(EnvironmentVariable), configuration[ConfigurationKey]) ?? DefaultDirectory;
        var path = Path.GetFullPath(configured, Directory.GetCurrentDirectory());
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"The data directory '{path}' (from {EnvironmentVariable}, {ConfigurationKey} or the default {DefaultDirectory}) cannot be created: {ex.Message}", ex);
        }

        return path;
    }

    private static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
