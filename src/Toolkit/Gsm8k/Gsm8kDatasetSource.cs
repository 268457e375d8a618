using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SglangCi.Toolkit.Gsm8k;

/// <summary>
/// Decides which GSM8K file to use: an explicitly configured local path (GPU nodes are often offline), else a
/// cached copy, else a one-time download of the official test set. The download lands in a temporary file that is
/// validated and then moved into place, so the cache never holds a partial or non-GSM8K file.
/// </summary>
public sealed class Gsm8kDatasetSource
{
    /// <summary>Where SGLang's own scripts download the test set from.</summary>
    public const string OfficialUrl = "https://raw.githubusercontent.com/openai/grade-school-math/master/grade_school_math/data/test.jsonl";

    /// <summary>
    /// SHA-256 (lowercase hex) of the official <c>test.jsonl</c> (1,319 items) at <see cref="OfficialUrl"/>, computed with
    /// <c>sha256sum</c> from the reference copy in the shared datasets folder. A download or cached file with another hash
    /// is rejected: a truncated transfer, a proxy's error page or a changed upstream file must not silently change the gate.
    /// </summary>
    public const string OfficialSha256 = "3730d312f6e3440559ace48831e51066acaca737f6eabec99bccb9e4b3c39d14";

    /// <summary>Cached files already verified by this process (full path → hash), so the cache is hashed once per process.</summary>
    private static readonly ConcurrentDictionary<string, string> VerifiedCache = new(StringComparer.Ordinal);

    /// <summary>Configuration key callers read the local path from.</summary>
    public const string ConfigurationKey = "SglangCi:Gsm8k:DatasetPath";

    /// <summary>Environment variable callers read the local path from.</summary>
    public const string EnvironmentVariable = "SGLCI_GSM8K_PATH";

    private readonly HttpClient _http;
    private readonly string? _localPath;
    private readonly Uri _downloadUrl;

    /// <param name="http">Used only when a download is needed.</param>
    /// <param name="cacheDirectory">Root of the cache; the file lives at <c>&lt;cacheDirectory&gt;/gsm8k/test.jsonl</c>.</param>
    /// <param name="localPath">A configured file that must exist when given (a typo must not silently trigger a download).</param>
    /// <param name="downloadUrl">Overrides <see cref="OfficialUrl"/> (a mirror, or a local server in tests).</param>
    public Gsm8kDatasetSource(HttpClient http, string cacheDirectory, string? localPath = null, Uri? downloadUrl = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheDirectory);
        _localPath = string.IsNullOrWhiteSpace(localPath) ? null : localPath;
        _downloadUrl = downloadUrl ?? new Uri(OfficialUrl);
        CachedFilePath = Path.Combine(cacheDirectory, "gsm8k", "test.jsonl");
    }

    /// <summary>The cache location, <c>&lt;cacheDirectory&gt;/gsm8k/test.jsonl</c>.</summary>
    public string CachedFilePath { get; }

    /// <summary>Expected SHA-256 (hex) of a downloaded or cached file; <see cref="OfficialSha256"/> unless a mirror serves
    /// another file on purpose (tests). A configured local path is never hash-checked.</summary>
    public string ExpectedSha256 { get; init; } = OfficialSha256;

    /// <summary>Upper bound for the whole download.</summary>
    public TimeSpan DownloadTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Returns the path of a usable dataset file, downloading it into the cache if needed.</summary>
    /// <exception cref="FileNotFoundException">A local path is configured but does not exist.</exception>
    /// <exception cref="InvalidOperationException">The download failed or did not return a GSM8K file.</exception>
    public async Task<string> ResolvePathAsync(CancellationToken ct = default)
    {
        if (_localPath is not null)
        {
            return File.Exists(_localPath)
                ? _localPath
                : throw new FileNotFoundException(
                    $"The configured GSM8K dataset file '{_localPath}' does not exist ({ConfigurationKey} / {EnvironmentVariable}).",
                    _localPath);
        }

        if (File.Exists(CachedFilePath))
        {
            await VerifyCachedAsync(ct).ConfigureAwait(false);
            return CachedFilePath;
        }

        await DownloadAsync(ct).ConfigureAwait(false);
        return CachedFilePath;
    }

    /// <summary>Resolves the file and loads it.</summary>
    public async Task<IReadOnlyList<Gsm8kItem>> LoadAsync(CancellationToken ct = default) =>
        Gsm8kDataset.Load(await ResolvePathAsync(ct).ConfigureAwait(false));

    private async Task DownloadAsync(CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(CachedFilePath)!;
        Directory.CreateDirectory(directory);

        // Same directory as the target, so the final move is a rename on one file system (atomic).
        var temporary = Path.Combine(directory, $"test.jsonl.{Guid.NewGuid():N}.download");
        try
        {
            using (var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                timeoutCts.CancelAfter(DownloadTimeout);
                try
                {
                    using var response = await _http.GetAsync(_downloadUrl, HttpCompletionOption.ResponseHeadersRead, timeoutCts.Token).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw DownloadFailed($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                    }

                    await using var body = await response.Content.ReadAsStreamAsync(timeoutCts.Token).ConfigureAwait(false);
                    await using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                    await body.CopyToAsync(file, timeoutCts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
                {
                    throw DownloadFailed($"timed out after {DownloadTimeout.TotalSeconds:0} s", ex);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    throw DownloadFailed(ex.Message, ex);
                }
            }

            Validate(temporary);
            var actual = await ComputeSha256Async(temporary, ct).ConfigureAwait(false);
            if (!string.Equals(actual, ExpectedSha256, StringComparison.OrdinalIgnoreCase))
            {
                // The finally block deletes the temporary file, so nothing unverified reaches the cache.
                throw DownloadFailed($"SHA-256 mismatch: expected {ExpectedSha256}, got {actual}");
            }

            File.Move(temporary, CachedFilePath, overwrite: true);
            VerifiedCache[Path.GetFullPath(CachedFilePath)] = ExpectedSha256.ToLowerInvariant();
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Hashes the cached file the first time this process uses it; a mismatch is an error naming both hashes
    /// (the file is left in place for inspection: delete it to download again).</summary>
    private async Task VerifyCachedAsync(CancellationToken ct)
    {
        var key = Path.GetFullPath(CachedFilePath);
        var expected = ExpectedSha256.ToLowerInvariant();
        if (VerifiedCache.TryGetValue(key, out var verified) && verified == expected)
        {
            return;
        }

        var actual = await ComputeSha256Async(CachedFilePath, ct).ConfigureAwait(false);
        if (actual != expected)
        {
            throw new InvalidOperationException(
                $"The cached GSM8K dataset '{CachedFilePath}' has SHA-256 {actual}, expected {expected}. " +
                "Delete it to download the official file again, or set a local copy with " +
                $"{ConfigurationKey} / {EnvironmentVariable}.");
        }

        VerifiedCache[key] = expected;
    }

    /// <summary>Lowercase hex SHA-256 of a file, as <c>sha256sum</c> prints it.</summary>
    public static async Task<string> ComputeSha256Async(string path, CancellationToken ct = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }

    private void Validate(string temporary)
    {
        try
        {
            if (Gsm8kDataset.Load(temporary).Count == 0)
            {
                throw DownloadFailed("the file was empty");
            }
        }
        catch (FormatException ex)
        {
            throw DownloadFailed($"the file is not GSM8K JSONL ({ex.Message})", ex);
        }
    }

    private InvalidOperationException DownloadFailed(string reason, Exception? inner = null) =>
        new($"Downloading the GSM8K dataset from {_downloadUrl} failed: {reason}. " +
            $"Set a local copy with the configuration key {ConfigurationKey} or the environment variable {EnvironmentVariable}.",
            inner);
}
