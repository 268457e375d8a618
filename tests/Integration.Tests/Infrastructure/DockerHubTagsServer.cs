using System.Globalization;
using System.Net;
using System.Text.Json;
using SglangCi.Tests.Shared;

namespace SglangCi.Integration.Tests.Infrastructure;

/// <summary>Docker Hub's tags pages for <c>rocm/sgl-dev</c> (absolute <c>next</c> links, one page per array given) and
/// its single-tag endpoint, on loopback. Counts the page requests, so a test can tell a cached listing from a new one.</summary>
public sealed class DockerHubTagsServer(params string[][] pages) : LoopbackHttpServer
{
    private const string TagsPath = "/v2/repositories/rocm/sgl-dev/tags/";
    private int _pageRequests;

    public int PageRequests => Volatile.Read(ref _pageRequests);

    protected override Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        if (path == TagsPath)
        {
            Interlocked.Increment(ref _pageRequests);
            var pageParameter = context.Request.QueryString["page"];
            var page = pageParameter is null ? 1 : int.Parse(pageParameter, CultureInfo.InvariantCulture);
            var next = page < pages.Length ? new Uri(BaseUrl, $"{TagsPath}?page={page + 1}&page_size=100").AbsoluteUri : null;
            var results = pages[page - 1].Select(name => new { name, last_updated = "2025-12-08T09:00:00Z" });
            return WriteAsync(context.Response, 200, JsonSerializer.Serialize(new { count = pages.Sum(p => p.Length), next, results }));
        }

        var tag = path.StartsWith(TagsPath, StringComparison.Ordinal) ? path[TagsPath.Length..] : null;
        return tag is not null && pages.Any(p => p.Contains(tag))
            ? WriteAsync(context.Response, 200, JsonSerializer.Serialize(new { name = tag }))
            : WriteAsync(context.Response, 404, "{}");
    }
}
