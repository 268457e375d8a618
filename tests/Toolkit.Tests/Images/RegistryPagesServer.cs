using System.Net;
using System.Text.Json;
using SglangCi.Tests.Shared;

namespace SglangCi.Toolkit.Tests.Images;

/// <summary>
/// A loopback Docker Hub stand-in: serves one repository's tags as pages linked by absolute <c>next</c> URLs (as Docker
/// Hub does), the single-tag endpoint (200 for listed tags, 404 otherwise), and on demand a failing page, a malformed
/// page or a <c>next</c> that loops back to page 1. It records every path asked for so tests can count pages read.
/// </summary>
internal sealed class RegistryPagesServer(string repository = "rocm/sgl-dev") : LoopbackHttpServer
{
    private readonly List<string> _requests = [];
    private readonly string _tagsPath = $"/v2/repositories/{repository}/tags/";

    /// <summary>Tag names per page, newest first; page 1 is index 0.</summary>
    public List<string[]> Pages { get; } = [];

    /// <summary>Pages (1-based) answered with a fixed status and body instead of their tags.</summary>
    public Dictionary<int, (int Status, string Body)> PageOverrides { get; } = [];

    /// <summary>When true the last page links back to page 1 instead of ending with <c>"next": null</c>.</summary>
    public bool LoopNext { get; set; }

    /// <summary>Listed tags whose single-tag endpoint answers 404 (a push the registry does not serve yet).</summary>
    public HashSet<string> NotPullable { get; } = [];

    /// <summary>Status for the single-tag endpoint of particular tags (e.g. 500), overriding the default 200.</summary>
    public Dictionary<string, int> TagStatus { get; } = [];

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public int PageRequests => Requests.Count(path => path.StartsWith(_tagsPath + "?", StringComparison.Ordinal));

    public RegistryPagesServer WithPages(params string[][] pages)
    {
        Pages.AddRange(pages);
        return this;
    }

    public Uri PageUrl(int page) =>
        new(BaseUrl, page == 1 ? $"{_tagsPath}?page_size=100" : $"{_tagsPath}?page={page}&page_size=100");

    protected override Task HandleAsync(HttpListenerContext context)
    {
        lock (_requests)
        {
            _requests.Add(context.Request.Url!.PathAndQuery);
        }

        var (status, body) = Answer(context.Request.Url!.AbsolutePath, context.Request.QueryString["page"]);
        return WriteAsync(context.Response, status, body);
    }

    private (int Status, string Body) Answer(string path, string? pageParameter)
    {
        if (path == _tagsPath)
        {
            var page = pageParameter is null ? 1 : int.Parse(pageParameter, System.Globalization.CultureInfo.InvariantCulture);
            return PageOverrides.TryGetValue(page, out var overridden) ? overridden : (200, PageBody(page));
        }

        if (path.StartsWith(_tagsPath, StringComparison.Ordinal))
        {
            var tag = Uri.UnescapeDataString(path[_tagsPath.Length..]);
            if (TagStatus.TryGetValue(tag, out var status))
            {
                return (status, """{"message":"internal error"}""");
            }

            var listed = Pages.Any(p => p.Contains(tag)) && !NotPullable.Contains(tag);
            return listed
                ? (200, JsonSerializer.Serialize(new { name = tag, last_updated = "2025-12-16T10:00:00.000000Z" }))
                : (404, """{"message":"httperror 404: tag not found"}""");
        }

        return (404, """{"message":"object not found"}""");
    }

    private string PageBody(int page)
    {
        if (page < 1 || page > Pages.Count)
        {
            return """{"message":"page not found"}""";
        }

        string? next = page < Pages.Count ? PageUrl(page + 1).AbsoluteUri : LoopNext ? PageUrl(1).AbsoluteUri : null;
        var results = Pages[page - 1].Select(name => new
        {
            name,
            last_updated = "2025-12-16T10:00:00.000000Z",
            full_size = 12345,
            images = new[] { new { architecture = "amd64", os = "linux" } },
        });
        return JsonSerializer.Serialize(new { count = Pages.Sum(p => p.Length), next, previous = (string?)null, results });
    }
}
