using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SglangCi.Tests.Shared;

namespace SglangCi.Toolkit.Tests.Downloads;

/// <summary>
/// A loopback stand-in for the Hugging Face Hub (this machine cannot reach it): the tree API with Link-header
/// pagination, and resolve URLs with Range support (206 + Content-Range). It can drop a connection mid-file once,
/// serve bytes that do not match the listed hash, require a bearer token, and records what clients sent (Range and
/// Authorization headers, requests per path) so tests can prove a resume or a skip.
/// </summary>
/// <remarks>Requests are answered in parallel: the downloader fetches files at the same time.</remarks>
internal sealed class HuggingFaceMirrorServer() : LoopbackHttpServer(concurrent: true)
{
    private readonly ConcurrentDictionary<string, Repo> _repos = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failOnceAfter = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _servedInstead = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _fileRequests = new(StringComparer.Ordinal);
    private int _treeRequests;

    /// <summary>Files per tree page; 0 puts everything on one page.</summary>
    public int PageSize { get; set; }

    /// <summary>When set, every request must carry <c>Authorization: Bearer {token}</c> or gets 401.</summary>
    public string? RequiredToken { get; set; }

    public int TreeRequests => Volatile.Read(ref _treeRequests);

    /// <summary>Range header values received, as "path: bytes=N-".</summary>
    public ConcurrentQueue<string> RangeHeaders { get; } = new();

    /// <summary>Authorization header values received (null where none was sent).</summary>
    public ConcurrentQueue<string?> AuthorizationHeaders { get; } = new();

    /// <summary>Adds a repo; files at or above <paramref name="lfsThreshold"/> bytes are listed as LFS (sha256), the rest as git blobs.</summary>
    public void AddRepo(string repo, IReadOnlyDictionary<string, byte[]> files, int lfsThreshold = 1024) => _repos[repo] = new Repo(files, lfsThreshold);

    /// <summary>The next download of <paramref name="path"/> sends this many bytes, then drops the connection.</summary>
    public void FailOnceAfter(string path, int bytes) => _failOnceAfter[path] = bytes;

    /// <summary>Serve these bytes for <paramref name="path"/> while the listing keeps the real file's size and hash.</summary>
    public void ServeInstead(string path, byte[] bytes) => _servedInstead[path] = bytes;

    public int FileRequests(string path) => _fileRequests.GetValueOrDefault(path);

    public static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string GitBlobSha1(byte[] data) =>
        Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {data.Length}\0"), .. data]));

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        var authorization = context.Request.Headers["Authorization"];
        AuthorizationHeaders.Enqueue(authorization);
        if (RequiredToken is not null && authorization != $"Bearer {RequiredToken}")
        {
            response.StatusCode = 401;
            return;
        }

        var segments = context.Request.Url!.AbsolutePath.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length >= 6 && segments[0] == "api" && segments[1] == "models" && segments[4] == "tree")
        {
            await ServeTreeAsync(context, $"{segments[2]}/{segments[3]}");
        }
        else if (segments.Length >= 5 && segments[2] == "resolve")
        {
            await ServeFileAsync(context, $"{segments[0]}/{segments[1]}", string.Join('/', segments[4..]));
        }
        else
        {
            response.StatusCode = 404;
        }
    }

    private async Task ServeTreeAsync(HttpListenerContext context, string repo)
    {
        Interlocked.Increment(ref _treeRequests);
        var response = context.Response;
        if (!_repos.TryGetValue(repo, out var data))
        {
            response.StatusCode = 404;
            return;
        }

        var all = data.Files.OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        var start = int.TryParse(context.Request.QueryString["cursor"], out var cursor) ? cursor : 0;
        var count = PageSize > 0 ? PageSize : all.Count;
        var page = all.Skip(start).Take(count).ToList();
        var entries = new List<object>();
        foreach (var directory in page.Select(f => f.Key).Where(p => p.Contains('/')).Select(p => p[..p.LastIndexOf('/')]).Distinct())
        {
            entries.Add(new { type = "directory", path = directory, size = 0, oid = "0000000000000000000000000000000000000000" });
        }

        foreach (var (path, bytes) in page)
        {
            entries.Add(bytes.Length >= data.LfsThreshold
                ? new { type = "file", path, size = bytes.Length, oid = GitBlobSha1(Encoding.ASCII.GetBytes($"pointer {path}")), lfs = new { oid = Sha256(bytes), size = bytes.Length, pointerSize = 134 } }
                : (object)new { type = "file", path, size = bytes.Length, oid = GitBlobSha1(bytes) });
        }

        if (start + count < all.Count)
        {
            var next = new Uri(BaseUrl, $"api/models/{repo}/tree/main?recursive=true&cursor={start + count}");
            response.AddHeader("Link", $"<{next.AbsoluteUri}>; rel=\"next\"");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(entries);
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
    }

    private async Task ServeFileAsync(HttpListenerContext context, string repo, string path)
    {
        var response = context.Response;
        _fileRequests.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (!_repos.TryGetValue(repo, out var data) || !data.Files.TryGetValue(path, out var bytes))
        {
            response.StatusCode = 404;
            return;
        }

        bytes = _servedInstead.GetValueOrDefault(path) ?? bytes;
        var range = context.Request.Headers["Range"];
        var offset = 0L;
        if (range is not null)
        {
            RangeHeaders.Enqueue($"{path}: {range}");
            offset = long.Parse(range["bytes=".Length..range.IndexOf('-', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            if (offset >= bytes.Length)
            {
                response.StatusCode = 416;
                response.AddHeader("Content-Range", $"bytes */{bytes.Length}");
                return;
            }

            response.StatusCode = 206;
            response.AddHeader("Content-Range", $"bytes {offset}-{bytes.Length - 1}/{bytes.Length}");
        }
        else
        {
            response.StatusCode = 200;
        }

        var body = bytes.AsMemory((int)offset);
        response.ContentLength64 = body.Length;
        if (_failOnceAfter.TryRemove(path, out var failAfter))
        {
            await response.OutputStream.WriteAsync(body[..Math.Min(failAfter, body.Length)]);
            await response.OutputStream.FlushAsync();
            response.Abort();
            return;
        }

        await response.OutputStream.WriteAsync(body);
    }

    private sealed record Repo(IReadOnlyDictionary<string, byte[]> Files, int LfsThreshold);
}
