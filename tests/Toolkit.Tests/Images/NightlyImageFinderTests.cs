using SglangCi.Toolkit.Images;

namespace SglangCi.Toolkit.Tests.Images;

/// <summary>The old image-discovery rules (date in Pacific time, -srt skipped, rocm630 fallback on mi30x, earlier nights) against a loopback registry.</summary>
public sealed class NightlyImageFinderTests : IDisposable
{
    private static readonly DateOnly Dec8 = new(2025, 12, 8);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly RegistryPagesServer _server = new();

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private Task<NightlyImageResult> FindAsync(NightlyImageQuery query) =>
        new NightlyImageFinder(new DockerHubTagClient(_http, _server.BaseUrl)).FindAsync(query);

    [Fact]
    public async Task Finds_todays_primary_image_on_the_third_page_and_reads_no_further()
    {
        _server.WithPages(SeedTags.Filler(100), SeedTags.Filler(100, "mi30x"), [SeedTags.Mi35x1208, SeedTags.Mi30x1208, SeedTags.Mi30x1207], SeedTags.Filler(5));

        var result = await FindAsync(NightlyImageQuery.For("mi30x", Dec8));

        Assert.True(result.Found);
        Assert.Equal("rocm/sgl-dev:" + SeedTags.Mi30x1208, result.Image);
        Assert.Equal(Dec8, result.Date);
        Assert.Equal("rocm700", result.Rocm);
        Assert.False(result.IsFallback);
        Assert.Equal([new NightlyAttempt(Dec8, "rocm700", SeedTags.Mi30x1208)], result.Attempts);
        Assert.Equal(3, result.PagesRead);
        Assert.Equal(TagListingEnd.StoppedEarly, result.ListingEnd);
        Assert.Equal(3, _server.PageRequests);
    }

    [Fact]
    public async Task A_newer_srt_tag_of_the_same_night_is_skipped()
    {
        _server.WithPages([SeedTags.Mi30x1208 + "-srt", "v0.5.6.post1-rocm700-mi30x-20251208-srt"], [SeedTags.Mi30x1208]);

        var result = await FindAsync(NightlyImageQuery.For("mi30x", Dec8));

        Assert.Equal(SeedTags.Mi30x1208, result.Tag?.Tag);
    }

    [Fact]
    public async Task A_release_candidate_is_not_taken_as_the_nightly()
    {
        _server.WithPages([SeedTags.ReleaseCandidate, "v0.5.3rc0-rocm700-mi35x-20251003"]);

        var result = await FindAsync(NightlyImageQuery.For("mi35x", new DateOnly(2025, 10, 3)));

        Assert.Equal("v0.5.3rc0-rocm700-mi35x-20251003", result.Tag?.Tag);
        Assert.Equal("v0.5.3rc0", result.Tag?.Version);
    }

    [Fact]
    public async Task Today_is_the_date_in_los_angeles_not_utc()
    {
        // 2026-12-01 03:00 UTC is 2026-11-30 19:00 PST.
        var today = NightlyDate.Today(new FixedClock(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero)), "America/Los_Angeles");
        _server.WithPages(["v0.6.1-rocm700-mi35x-20261201", "v0.6.1-rocm700-mi35x-20261130"]);

        var result = await FindAsync(NightlyImageQuery.For("mi35x", today));

        Assert.Equal(new DateOnly(2026, 11, 30), today);
        Assert.Equal("v0.6.1-rocm700-mi35x-20261130", result.Tag?.Tag);
        Assert.Equal(new DateOnly(2026, 12, 1), NightlyDate.Today(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero), "UTC"));
    }

    [Fact]
    public void An_unknown_time_zone_is_an_argument_error_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => NightlyDate.Today(SeedTags.Evening1208, "Pacific/Nowhere"));
        Assert.Contains("Pacific/Nowhere", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mi30x_falls_back_to_rocm630_of_the_same_day_when_rocm700_is_missing()
    {
        _server.WithPages([SeedTags.Mi35x1208, SeedTags.Mi30xRocm630_1208, SeedTags.Mi30x1207]);

        var result = await FindAsync(NightlyImageQuery.For("mi30x", Dec8, continueRunDays: 2));

        Assert.Equal("rocm/sgl-dev:" + SeedTags.Mi30xRocm630_1208, result.Image);
        Assert.Equal("rocm630", result.Rocm);
        Assert.Equal(Dec8, result.Date);
        Assert.True(result.IsFallback);
        Assert.Equal([new NightlyAttempt(Dec8, "rocm700", null), new NightlyAttempt(Dec8, "rocm630", SeedTags.Mi30xRocm630_1208)], result.Attempts);
        Assert.Equal(TagListingEnd.Exhausted, result.ListingEnd);
    }

    [Fact]
    public async Task Mi30x_prefers_rocm700_even_when_rocm630_was_pushed_later()
    {
        _server.WithPages([SeedTags.Mi30xRocm630_1208], [SeedTags.Mi30x1208]);

        var result = await FindAsync(NightlyImageQuery.For("mi30x", Dec8));

        Assert.Equal(SeedTags.Mi30x1208, result.Tag?.Tag);
        Assert.False(result.IsFallback);
    }

    [Fact]
    public async Task Mi35x_has_no_rocm630_fallback()
    {
        _server.WithPages(["v0.5.6-rocm630-mi35x-20251208"]);

        var result = await FindAsync(NightlyImageQuery.For("mi35x", Dec8));

        Assert.False(result.Found);
        Assert.Equal(["rocm700"], NightlyImageQuery.DefaultRocmBuilds("mi35x"));
        Assert.Equal([new NightlyAttempt(Dec8, "rocm700", null)], result.Attempts);
    }

    [Fact]
    public async Task Continue_run_days_falls_back_to_an_earlier_night_with_the_primary_rocm_only()
    {
        // Yesterday's rocm630 image is newer in the list, but the old CI never ran an earlier night on rocm630.
        _server.WithPages(["v0.5.6-rocm630-mi30x-20251207"], SeedTags.Filler(3, "mi30x"), ["v0.5.6-rocm700-mi30x-20251206"]);

        var result = await FindAsync(NightlyImageQuery.For("mi30x", Dec8, continueRunDays: 3));

        Assert.Equal("v0.5.6-rocm700-mi30x-20251206", result.Tag?.Tag);
        Assert.Equal(new DateOnly(2025, 12, 6), result.Date);
        Assert.True(result.IsFallback);
        Assert.Equal(
            [
                new NightlyAttempt(Dec8, "rocm700", null),
                new NightlyAttempt(Dec8, "rocm630", null),
                new NightlyAttempt(new DateOnly(2025, 12, 7), "rocm700", null),
                new NightlyAttempt(new DateOnly(2025, 12, 6), "rocm700", "v0.5.6-rocm700-mi30x-20251206"),
            ],
            result.Attempts);
    }

    [Fact]
    public async Task With_one_day_an_older_image_is_not_used()
    {
        _server.WithPages([SeedTags.Mi30x1207, SeedTags.Mi35x1208]);

        var result = await FindAsync(NightlyImageQuery.For("mi30x", Dec8));

        Assert.False(result.Found);
        Assert.Null(result.Image);
        Assert.Null(result.Date);
        Assert.Equal([new NightlyAttempt(Dec8, "rocm700", null), new NightlyAttempt(Dec8, "rocm630", null)], result.Attempts);
        Assert.Equal(TagListingEnd.Exhausted, result.ListingEnd);
    }

    [Fact]
    public async Task An_explicit_rocm_list_replaces_the_defaults()
    {
        _server.WithPages([SeedTags.Mi30x1208, SeedTags.Mi30xRocm630_1208]);

        var result = await FindAsync(NightlyImageQuery.For("MI30X", Dec8, rocmBuilds: ["ROCm630"]));

        Assert.Equal(SeedTags.Mi30xRocm630_1208, result.Tag?.Tag);
        Assert.False(result.IsFallback);
    }

    [Fact]
    public async Task Another_repository_is_searched_and_named_in_the_image()
    {
        using var other = new RegistryPagesServer("lmsysorg/sglang");
        other.WithPages([SeedTags.Mi35x1208]);

        var result = await new NightlyImageFinder(new DockerHubTagClient(_http, other.BaseUrl))
            .FindAsync(NightlyImageQuery.For("mi35x", Dec8, repository: ImageRepository.Parse("lmsysorg/sglang")));

        Assert.Equal("lmsysorg/sglang:" + SeedTags.Mi35x1208, result.Image);
    }

    [Theory]
    [InlineData("v0.5.6-rocm700-mi30x-20251208", true)]
    [InlineData("v0.5.6.post1-rocm700-mi35x-20251209", true)]
    [InlineData("v0.5.3rc0-rocm700-mi35x-20251003", true)]
    [InlineData("v0.5.6-rocm700-mi30x-20251208-srt", false)]
    [InlineData("v0.5.3rc0-rocm700-mi35x-20251003-RC", false)]
    [InlineData("v0.5.6-rocm700-mi30x-20251208_GROK1", false)]
    [InlineData("latest", false)]
    [InlineData("v0.5.6-rocm700-mi30x-202512081", false)]
    public void Only_a_bare_dated_tag_is_a_nightly(string name, bool nightly) =>
        Assert.Equal(nightly, NightlyTag.TryRead(name, out _));
}
