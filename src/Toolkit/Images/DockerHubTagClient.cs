using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using SglangCi.Toolkit.Http;

namespace SglangCi.Toolkit.Images;

/// <summary>
/// Reads tags through the Docker Hub tags API (<c>/v2/repositories/{namespace}/{name}/tags/</c>), as the old nightly
/// scripts did with curl, so no Docker engine or login is needed to learn whether tonight's image exists. Pages are
/// followed through their <c>next</c> link; a page limit guards against a registry whose links loop.
/// </summary>
public sealed class DockerHubTagClient
{
    /// <summary>The public Docker Hub API.</summary>
    public static readonly Uri DefaultRegistry = new("https://hub.docker.com/");

    /// <summary>50 pages of 100 tags: nightlies are on page 1, and this still bounds a looping <c>next</c>.</summary>
    public const int DefaultMaxPages = 50;

    /// <summary>The largest page Docker Hub serves; fewer round trips per listing.</summary>
    public const int PageSize = 100;

    // Error messages quote the start of a bad body; a whole HTML error page would drown the message.
    private const int BodyExcerptLength = 200;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;

    /// <param name="http">Owned by the caller (a factory-made or shared client); never disposed here.</param>
    /// <param name="registry">The API root, <see cref="DefaultRegistry"/> when null; tests point it at a local server.</param>
    /// <param name="maxPages">The most pages one listing reads.</param>
    public DockerHubTagClient(HttpClient http, Uri? registry = null, int maxPages = DefaultMaxPages)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPages, 1);
        _http = http;
        Registry = registry ?? DefaultRegistry;
        MaxPages = maxPages;
    }

    public Uri Registry { get; }

    public int MaxPages { get; }

    /// <summary>The first tags page of a repository: what paging starts from.</summary>
    public Uri FirstPageUrl(ImageRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return EndpointUri.Combine(Registry, $"v2/repositories/{repository.Namespace}/{repository.Name}/tags/?page_size={PageSize}");
    }

    /// <summary>The single-tag endpoint, the registry-API stand-in for the old <c>docker manifest inspect</c>.</summary>
    public Uri TagUrl(ImageRepository repository, string tag)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        return EndpointUri.Combine(Registry, $"v2/repositories/{repository.Namespace}/{repository.Name}/tags/{Uri.EscapeDataString(tag)}");
    }

    /// <summary>
    /// Pages through the repository's tags, newest first, until the last page, until <paramref name="stopAfter"/>
    /// returns true for a tag (that tag is included and nothing more is fetched), or until <see cref="MaxPages"/>.
    /// </summary>
    /// <exception cref="RegistryException">A page could not be fetched or read; the message names its URL and number.</exception>
    public async Task<TagListing> ListTagsAsync(
        ImageRepository repository,
        Func<DockerHubTag, bool>? stopAfter = null,
        IProgress<TagPageProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var tags = new List<DockerHubTag>();
        Uri? url = FirstPageUrl(repository);
        var page = 0;
        while (url is not null)
        {
            if (page == MaxPages)
            {
                return new TagListing(tags, page, TagListingEnd.PageLimit);
            }

            page++;
            var body = await GetPageAsync(url, page, cancellationToken);
            progress?.Report(new TagPageProgress(page, tags.Count + body.Results.Count, url));
            foreach (var tag in body.Results)
            {
                tags.Add(tag);
                if (stopAfter?.Invoke(tag) == true)
                {
                    return new TagListing(tags, page, TagListingEnd.StoppedEarly);
                }
            }

            url = NextUrl(url, page, body.Next);
        }

        return new TagListing(tags, page, TagListingEnd.Exhausted);
    }

    /// <summary>True when the registry knows the tag (HTTP 200), false on 404.</summary>
    /// <exception cref="RegistryException">Any other answer, or no answer: "unknown" must not read as "missing".</exception>
    public async Task<bool> ExistsAsync(ImageRepository repository, string tag, CancellationToken cancellationToken = default)
    {
        var url = TagUrl(repository, tag);
        using var response = await SendAsync(url, page: null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, url, page: null, cancellationToken);
        return true;
    }

    private async Task<PageOfTags> GetPageAsync(Uri url, int page, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(url, page, cancellationToken);
        await EnsureSuccessAsync(response, url, page, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        TagsPage? body;
        try
        {
            body = JsonSerializer.Deserialize<TagsPage>(text, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new RegistryException($"Page {page} of the tags at {url} is not valid JSON ({ex.Message}): {Excerpt(text)}", url, page, ex);
        }

        if (body?.Results is null)
        {
            throw new RegistryException($"Page {page} of the tags at {url} has no \"results\" list: {Excerpt(text)}", url, page);
        }

        var nameless = body.Results.FindIndex(entry => string.IsNullOrWhiteSpace(entry.Name));
        if (nameless >= 0)
        {
            throw new RegistryException($"Page {page} of the tags at {url} has a result without a \"name\" (entry {nameless + 1}).", url, page);
        }

        return new PageOfTags(body.Next, [.. body.Results.Select(entry => new DockerHubTag(entry.Name!, entry.LastUpdated))]);
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, int? page, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new RegistryException($"GET {url}{PageNote(page)} failed: {ex.Message}", url, page, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not our caller cancelling: the HttpClient's own Timeout expired.
            throw new RegistryException($"GET {url}{PageNote(page)} timed out after {_http.Timeout.TotalSeconds:0.#} s.", url, page, ex);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, Uri url, int? page, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new RegistryException(
            $"GET {url}{PageNote(page)} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Excerpt(text)}", url, page);
    }

    /// <summary>Docker Hub sends absolute links; a relative one is read against the page it came from.</summary>
    private static Uri? NextUrl(Uri current, int page, string? next)
    {
        if (string.IsNullOrWhiteSpace(next))
        {
            return null;
        }

        return Uri.TryCreate(current, next, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new RegistryException($"Page {page} of the tags at {current} has a \"next\" that is not an http(s) URL: '{next}'.", current, page);
    }

    private static string PageNote(int? page) => page is { } p ? $" (tags page {p})" : string.Empty;

    private static string Excerpt(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length == 0 ? "(empty body)" : flat.Length <= BodyExcerptLength ? flat : flat[..BodyExcerptLength] + "…";
    }

    /// <summary>The part of a tags page we read; Docker Hub sends much more per tag (digests, architectures, sizes).</summary>
    private sealed record TagsPage(
        [property: JsonPropertyName("next")] string? Next,
        [property: JsonPropertyName("results")] List<TagEntry>? Results);

    private sealed record TagEntry(
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("last_updated")] DateTimeOffset? LastUpdated);

    private sealed record PageOfTags(string? Next, IReadOnlyList<DockerHubTag> Results);
}
