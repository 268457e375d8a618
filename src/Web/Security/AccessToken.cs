using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SglangCi.Silo.Hosting;

namespace SglangCi.Web.Security;

/// <summary>
/// The dashboard's access token: the configured one, or one generated once and kept in the data directory, so a
/// fresh install is protected without anyone choosing a password. Only a hash is held in memory.
/// </summary>
public sealed partial class AccessToken
{
    private readonly byte[] _hash;

    public AccessToken(IOptions<DashboardAccessOptions> options, SglangCiEnvironment environment, ILogger<AccessToken> logger)
    {
        var configured = options.Value.AccessToken;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _hash = Hash(configured.Trim());
            Source = "configuration (SglangCi:Dashboard:AccessToken)";
            IsGenerated = false;
            return;
        }

        var file = Path.Combine(environment.DataDirectory, DashboardAccessOptions.AccessTokenFileName);
        _hash = Hash(ReadOrCreate(file));
        Source = file;
        IsGenerated = true;
        // The path, never the token: whoever may act can read the file on the dashboard's host.
        LogGenerated(logger, file);
    }

    /// <summary>Where the token comes from (a file path or the configuration key), for messages; never the token itself.</summary>
    public string Source { get; }

    /// <summary>True when nobody configured a token and the one in the data directory's file is used.</summary>
    public bool IsGenerated { get; }

    /// <summary>Whether <paramref name="candidate"/> is the token; compares hashes in constant time.</summary>
    public bool Matches(string? candidate) =>
        !string.IsNullOrEmpty(candidate) && CryptographicOperations.FixedTimeEquals(_hash, Hash(candidate.Trim()));

    private static string ReadOrCreate(string file)
    {
        if (File.Exists(file))
        {
            var existing = File.ReadAllText(file).Trim();
            if (existing.Length > 0)
            {
                return existing;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        var temporary = file + ".tmp";
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Readable by the dashboard's own user only: the token lets whoever reads it act on the cluster.
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, create))
        {
            stream.Write(Encoding.UTF8.GetBytes(token + "\n"));
        }

        File.Move(temporary, file, overwrite: true);
        return token;
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard actions need sign-in; the access token is in {File} (set SglangCi:Dashboard:AccessToken to choose your own)")]
    private static partial void LogGenerated(ILogger logger, string file);
}
