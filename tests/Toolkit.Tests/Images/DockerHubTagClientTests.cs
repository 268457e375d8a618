using SglangCi.Toolkit.Images;

namespace SglangCi.Toolkit.Tests.Images;

/// <summary>Paging, stopping, limits and error messages of the tags API client against a real loopback HTTP server.</summary>
public sealed class DockerHubTagClientTests : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly RegistryPagesServer _server = new();

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private DockerHubTagClient Client(int maxPages = DockerHubTagClient.DefaultMaxPages) => new(_http, _server.BaseUrl, maxPages);

    [Fact]
    public async Task Lists_every_tag_across_three_pages_in_order()
    {
        _server.WithPages([SeedTags.Mi30x1208, SeedTags.Mi35x1208], [SeedTags.Mi30x1207], [SeedTags.Mi35x1207, SeedTags.Mi30x1130]);

        var listing = await Client().ListTagsAsync(ImageRepository.SglDev);

        Assert.Equal([SeedTags.Mi30x1208, SeedTags.Mi35x1208, SeedTags.Mi30x1207, SeedTags.Mi35x1207, SeedTags.Mi30x1130], listing.Tags.Select(t => t.Name));
        Assert.Equal(3, listing.Pages);
        Assert.Equal(TagListingEnd.Exhausted, listing.End);
        Assert.Equal(new DateTimeOffset(2025, 12, 16, 10, 0, 0, TimeSpan.Zero), listing.Tags[0].LastUpdated);
        Assert.Equal(["/v2/repositories/rocm/sgl-dev/tags/?page_size=100", "/v2/repositories/rocm/sgl-dev/tags/?page=2&page_size=100", "/v2/repositories/rocm/sgl-dev/tags/?page=3&page_size=100"], _server.Requests);
    }

    [Fact]
    public async Task Stops_at_the_first_tag_the_predicate_accepts_and_fetches_no_further_page()
    {
        _server.WithPages(SeedTags.Filler(3), [SeedTags.Mi30x1207, SeedTags.Mi30x1130], SeedTags.Filler(2, "mi30x"));
        var progress = new List<TagPageProgress>();

        var listing = await Client().ListTagsAsync(
            ImageRepository.SglDev, tag => tag.Name == SeedTags.Mi30x1207, new SynchronousProgress<TagPageProgress>(progress.Add));

        Assert.Equal(TagListingEnd.StoppedEarly, listing.End);
        Assert.Equal(SeedTags.Mi30x1207, listing.Tags[^1].Name);
        Assert.Equal(2, listing.Pages);
        Assert.Equal(2, _server.PageRequests);
        Assert.Equal([1, 2], progress.Select(p => p.Page));
    }

    [Fact]
    public async Task A_next_link_that_loops_stops_at_the_page_limit()
    {
        _server.LoopNext = true;
        _server.WithPages(SeedTags.Filler(2), SeedTags.Filler(2, "mi30x"));

        var listing = await Client(maxPages: 5).ListTagsAsync(ImageRepository.SglDev);

        Assert.Equal(TagListingEnd.PageLimit, listing.End);
        Assert.Equal(5, listing.Pages);
        Assert.Equal(5, _server.PageRequests);
    }

    [Fact]
    public async Task An_http_error_names_the_url_the_page_and_the_status()
    {
        _server.WithPages(SeedTags.Filler(2), SeedTags.Filler(2, "mi30x"));
        _server.PageOverrides[2] = (500, """{"message":"upstream connect error"}""");

        var error = await Assert.ThrowsAsync<RegistryException>(() => Client().ListTagsAsync(ImageRepository.SglDev));

        Assert.Equal(_server.PageUrl(2), error.Url);
        Assert.Equal(2, error.Page);
        Assert.Contains(_server.PageUrl(2).AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.Contains("tags page 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.Contains("upstream connect error", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"count":3,"next":null,"results":[{"name":"v0.5.6""", "not valid JSON")]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "not valid JSON")]
    [InlineData("""{"count":0,"next":null}""", "no \"results\" list")]
    [InlineData("""{"count":1,"next":null,"results":[{"last_updated":null}]}""", "without a \"name\"")]
    public async Task A_page_that_is_not_a_tags_page_is_an_error_naming_the_url(string body, string expected)
    {
        _server.WithPages(SeedTags.Filler(1));
        _server.PageOverrides[1] = (200, body);

        var error = await Assert.ThrowsAsync<RegistryException>(() => Client().ListTagsAsync(ImageRepository.SglDev));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(_server.PageUrl(1).AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Page);
    }

    [Fact]
    public async Task An_unreachable_registry_is_an_error_naming_the_url()
    {
        var closed = new Uri("http://127.0.0.1:1/");
        var client = new DockerHubTagClient(_http, closed);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.ListTagsAsync(ImageRepository.SglDev));

        Assert.Contains("http://127.0.0.1:1/v2/repositories/rocm/sgl-dev/tags/?page_size=100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_is_honoured_and_not_reported_as_a_registry_error()
    {
        _server.WithPages(SeedTags.Filler(2));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().ListTagsAsync(ImageRepository.SglDev, cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task Exists_is_true_for_a_served_tag_false_on_404_and_an_error_otherwise()
    {
        _server.WithPages([SeedTags.Mi30x1208, SeedTags.Mi35x1208]);
        _server.TagStatus[SeedTags.Mi35x1208] = 503;
        var client = Client();

        Assert.True(await client.ExistsAsync(ImageRepository.SglDev, SeedTags.Mi30x1208));
        Assert.False(await client.ExistsAsync(ImageRepository.SglDev, SeedTags.Mi30x1207));
        var error = await Assert.ThrowsAsync<RegistryException>(() => client.ExistsAsync(ImageRepository.SglDev, SeedTags.Mi35x1208));
        Assert.Contains($"/v2/repositories/rocm/sgl-dev/tags/{SeedTags.Mi35x1208}", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Page);
    }

    [Theory]
    [InlineData("rocm/sgl-dev", "rocm", "sgl-dev")]
    [InlineData("ubuntu", "library", "ubuntu")]
    [InlineData(" lmsysorg/sglang ", "lmsysorg", "sglang")]
    public void Repository_names_parse_into_namespace_and_name(string text, string ns, string name) =>
        Assert.Equal(new ImageRepository(ns, name), ImageRepository.Parse(text));

    [Theory]
    [InlineData("rocm/sgl-dev:v0.5.6-rocm700-mi30x-20251208")]
    [InlineData("https://hub.docker.com/rocm/sgl-dev")]
    [InlineData("a/b/c")]
    public void Repository_names_with_a_tag_or_url_are_refused(string text) =>
        Assert.Throws<ArgumentException>(() => ImageRepository.Parse(text));

    /// <summary><see cref="Progress{T}"/> posts to the thread pool; tests need the reports in order and complete.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
