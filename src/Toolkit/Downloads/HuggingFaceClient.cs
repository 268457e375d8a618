using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SglangCi.Toolkit.Downloads;

/// <summary>
/// The two Hugging Face Hub endpoints a model download needs, spoken directly over HTTP (no Python on the node):
/// the tree API that lists every file with its size and hash, and the resolve URL that serves a file (with Range, for
/// resuming). The token is held privately and sent only to the configured endpoint's host; it is never part of a
/// message, so it cannot leak through logs, exceptions or progress.
/// </summary>
public sealed class HuggingFaceClient
{
    private readonly HttpClient _http;
    private readonly string? _token;

    /// <param name="http">Should have an infinite <see cref="HttpClient.Timeout"/>: shards take many minutes; stalls are
    /// caught by <see cref="HuggingFaceOptions.StallTimeout"/> instead.</param>
    /// <param name="options">Endpoint, revision and the name of the token variable; default <see cref="HuggingFaceOptions.FromEnvironment"/>.</param>
    /// <param name="environment">Reads environment variables (tests inject a dictionary); default the process environment.</param>
    public HuggingFaceClient(HttpClient http, HuggingFaceOptions? options = null, Func<string, string?>? environment = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        environment ??= Environment.GetEnvironmentVariable;
        Options = options ?? HuggingFaceOptions.FromEnvironment(environment);
        _token = HuggingFaceToken.Read(Options.TokenVariable, environment);
    }

    public HuggingFaceOptions Options { get; }

    /// <summary>Whether a token was found (for messages like "gated repo and no token"; the value itself is never exposed).</summary>
    public bool HasToken => _token is not null;

    /// <summary>Every file of <paramref name="repo"/> at <paramref name="revision"/> (default the configured one), following pagination.</summary>
    /// <exception cref="ModelDownloadException">The repo or revision does not exist, access was denied, or the answer was not a tree listing.</exception>
    public async Task<IReadOnlyList<RepoFile>> ListFilesAsync(string repo, string? revision = null, CancellationToken ct = default)
    {
        ValidateRepo(repo);
        var rev = revision ?? Options.Revision;
        var files = new List<RepoFile>();
        Uri? next = Combine($"api/models/{repo}/tree/{Uri.EscapeDataString(rev)}?recursive=true");
        var pages = 0;
        while (next is not null)
        {
            if (++pages > 10_000)
            {
                throw new ModelDownloadException($"Listing {repo}@{rev}: more than 10000 pages; the server's pagination does not end.");
            }

            using var request = NewRequest(HttpMethod.Get, next);
            using var response = await SendAsync(request, $"listing {repo}@{rev}", ct).ConfigureAwait(false);
            var json = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            ParseTreePage(json, repo, rev, files);
            next = NextPage(response, next);
        }

        return files;
    }

    /// <summary><c>{endpoint}/{repo}/resolve/{revision}/{path}</c>, each path segment escaped.</summary>
    public Uri ResolveUrl(string repo, string path, string? revision = null)
    {
        ValidateRepo(repo);
        var escapedPath = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        return Combine($"{repo}/resolve/{Uri.EscapeDataString(revision ?? Options.Revision)}/{escapedPath}");
    }

    /// <summary>
    /// Starts reading one file from byte <paramref name="offset"/> (a <c>Range: bytes=offset-</c> request when above 0).
    /// The caller owns the response and must check for 206 versus 200 (a server may ignore the range).
    /// </summary>
    /// <exception cref="ModelDownloadException">Not found, access denied, a server error (transient) or an unsatisfiable range.</exception>
    public async Task<HttpResponseMessage> OpenFileAsync(string repo, string path, long offset, string? revision = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        using var request = NewRequest(HttpMethod.Get, ResolveUrl(repo, path, revision));
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }

        return await SendAsync(request, $"downloading {repo}/{path}", ct).ConfigureAwait(false);
    }

    private Uri Combine(string relative)
    {
        var root = Options.Endpoint.AbsoluteUri.EndsWith('/') ? Options.Endpoint : new Uri(Options.Endpoint.AbsoluteUri + "/");
        return new Uri(root, relative);
    }

    private HttpRequestMessage NewRequest(HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        // Only to the Hub itself: a pagination link or mirror pointing elsewhere must not receive the token.
        // (HttpClient also drops Authorization when following the Hub's redirect to its CDN.)
        if (_token is not null && string.Equals(url.Authority, Options.Endpoint.Authority, StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ModelDownloadException($"{what}: {request.RequestUri} did not answer: {ex.Message}", transient: true, innerException: ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new ModelDownloadException($"{what}: {request.RequestUri} timed out.", transient: true, innerException: ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        var status = response.StatusCode;
        response.Dispose();
        var code = $"HTTP {(int)status} {status}";
        throw status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ModelDownloadException(
                HasToken
                    ? $"{what}: {code}: the token in {Options.TokenVariable} has no access (gated repo: accept its license on the Hub with that account)."
                    : $"{what}: {code}: the repo is gated or private and no token was found; set {Options.TokenVariable}.",
                statusCode: status),
            HttpStatusCode.NotFound => new ModelDownloadException($"{what}: {code}: {request.RequestUri} does not exist (repo, revision or file name wrong?).", statusCode: status),
            HttpStatusCode.RequestedRangeNotSatisfiable => new ModelDownloadException($"{what}: {code}: the server rejected the resume range.", statusCode: status),
            HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError =>
                new ModelDownloadException($"{what}: {code} from {request.RequestUri}.", transient: true, statusCode: status),
            _ => new ModelDownloadException($"{what}: {code} from {request.RequestUri}.", statusCode: status),
        };
    }

    private static void ParseTreePage(string json, string repo, string revision, List<RepoFile> files)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new ModelDownloadException($"Listing {repo}@{revision}: expected a JSON array of files, got {document.RootElement.ValueKind}.");
            }

            foreach (var entry in document.RootElement.EnumerateArray())
            {
                if (!entry.TryGetProperty("type", out var type) || type.GetString() != "file")
                {
                    continue; // directories: their files are listed too (recursive=true)
                }

                var path = entry.GetProperty("path").GetString() ?? throw new ModelDownloadException($"Listing {repo}@{revision}: a file without a path.");
                var size = entry.TryGetProperty("size", out var s) ? s.GetInt64() : 0;
                var oid = entry.TryGetProperty("oid", out var o) ? o.GetString() : null;
                string? sha256 = null;
                if (entry.TryGetProperty("lfs", out var lfs) && lfs.ValueKind == JsonValueKind.Object)
                {
                    sha256 = lfs.TryGetProperty("oid", out var lo) ? lo.GetString() : null;
                    if (lfs.TryGetProperty("size", out var ls))
                    {
                        size = ls.GetInt64();
                    }
                }

                files.Add(new RepoFile(path, size, oid, sha256));
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new ModelDownloadException($"Listing {repo}@{revision}: the tree API answered something that is not a file listing: {ex.Message}", ex);
        }
    }

    /// <summary>The <c>rel="next"</c> target of a <c>Link</c> header (RFC 8288), the Hub's pagination; null on the last page.</summary>
    internal static Uri? NextPage(HttpResponseMessage response, Uri current)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var link in values.SelectMany(v => v.Split(',')))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length < 2 || !parts[0].StartsWith('<') || !parts[0].EndsWith('>'))
            {
                continue;
            }

            var isNext = parts.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "rel=\"next\"" or "rel=next");
            if (isNext)
            {
                return new Uri(current, parts[0][1..^1]);
            }
        }

        return null;
    }

    private static void ValidateRepo(string repo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repo);
        var parts = repo.Split('/');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0 || p is "." or ".." || p.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
        {
            throw new ArgumentException($"'{repo}' is not a Hugging Face repo id like 'org/name'.", nameof(repo));
        }
    }
}
