using SglangCi.Toolkit.Images;

namespace SglangCi.Toolkit.Tests.Images;

/// <summary>The nightly image check's verdicts and overall level against a loopback registry.</summary>
public sealed class ImageAvailabilityCheckTests : IDisposable
{
    private static readonly DateOnly Dec8 = new(2025, 12, 8);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly RegistryPagesServer _server = new();

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private Task<ImageAvailabilityReport> CheckAsync(params DateOnly[] dates) =>
        new ImageAvailabilityCheck(new DockerHubTagClient(_http, _server.BaseUrl)).RunAsync(dates);

    private static ImageAvailability StatusOf(ImageAvailabilityReport report, string hardware, string rocm, DateOnly date) =>
        report.Entries.Single(e => e.Expected.Hardware == hardware && e.Expected.Rocm == rocm && e.Date == date).Status;

    [Fact]
    public async Task All_three_images_present_is_ok_and_stops_paging_once_all_are_found()
    {
        _server.WithPages([SeedTags.Mi35x1208, SeedTags.Mi30xRocm630_1208], [SeedTags.Mi30x1208], SeedTags.Filler(10));

        var report = await CheckAsync(Dec8);

        Assert.All(report.Entries, e => Assert.Equal(ImageAvailability.Available, e.Status));
        Assert.Equal(["rocm/sgl-dev:" + SeedTags.Mi30x1208, "rocm/sgl-dev:" + SeedTags.Mi30xRocm630_1208, "rocm/sgl-dev:" + SeedTags.Mi35x1208], report.Entries.Select(e => e.Image));
        Assert.Equal((3, 3, 0), (report.Checked, report.AvailableCount, report.MissingCount));
        Assert.Equal(ImageCheckLevel.Ok, report.Level);
        Assert.True(report.AllRequiredAvailable);
        Assert.Equal(TagListingEnd.StoppedEarly, report.ListingEnd);
        Assert.Equal(2, _server.PageRequests);
    }

    [Fact]
    public async Task A_missing_optional_image_is_reported_but_still_ok()
    {
        _server.WithPages([SeedTags.Mi35x1208, SeedTags.Mi30x1208]);

        var report = await CheckAsync(Dec8);

        Assert.Equal(ImageAvailability.NotFound, StatusOf(report, "mi30x", "rocm630", Dec8));
        Assert.Equal(1, report.MissingCount);
        Assert.Equal(ImageCheckLevel.Ok, report.Level);
        Assert.True(report.AllRequiredAvailable);
    }

    [Fact]
    public async Task A_listed_tag_the_registry_does_not_serve_is_found_but_not_pullable_and_one_missing_required_is_a_warning()
    {
        _server.WithPages([SeedTags.Mi35x1208, SeedTags.Mi30x1208, SeedTags.Mi30xRocm630_1208]);
        _server.NotPullable.Add(SeedTags.Mi35x1208);

        var report = await CheckAsync(Dec8);

        var entry = report.Entries.Single(e => e.Expected.Hardware == "mi35x");
        Assert.Equal(ImageAvailability.FoundButNotPullable, entry.Status);
        Assert.Equal("rocm/sgl-dev:" + SeedTags.Mi35x1208, entry.Image);
        Assert.Contains("404", entry.Detail, StringComparison.Ordinal);
        Assert.Equal(ImageCheckLevel.Warning, report.Level);
        Assert.False(report.AllRequiredAvailable);
    }

    [Fact]
    public async Task A_failing_tag_lookup_is_not_pullable_with_the_reason()
    {
        _server.WithPages([SeedTags.Mi35x1208, SeedTags.Mi30x1208, SeedTags.Mi30xRocm630_1208]);
        _server.TagStatus[SeedTags.Mi30x1208] = 500;

        var report = await CheckAsync(Dec8);

        var entry = report.Entries.Single(e => e.Expected.Hardware == "mi30x" && e.Expected.Rocm == "rocm700");
        Assert.Equal(ImageAvailability.FoundButNotPullable, entry.Status);
        Assert.Contains("HTTP 500", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_missing_required_images_are_an_error()
    {
        _server.WithPages([SeedTags.Mi30xRocm630_1208, SeedTags.Mi30x1207, SeedTags.Mi35x1207]);

        var report = await CheckAsync(Dec8);

        Assert.Equal(ImageAvailability.NotFound, StatusOf(report, "mi30x", "rocm700", Dec8));
        Assert.Equal(ImageAvailability.NotFound, StatusOf(report, "mi35x", "rocm700", Dec8));
        Assert.Equal(ImageAvailability.Available, StatusOf(report, "mi30x", "rocm630", Dec8));
        Assert.Equal(2, report.RequiredMissingCount);
        Assert.Equal(ImageCheckLevel.Error, report.Level);
    }

    [Fact]
    public async Task Several_days_are_checked_newest_first_and_counted_together()
    {
        _server.WithPages([SeedTags.Mi35x1208, SeedTags.Mi30x1208, SeedTags.Mi30x1207, SeedTags.Mi35x1207]);

        var report = await CheckAsync([.. ImageAvailabilityCheck.Nights(Dec8, 2)]);

        Assert.Equal([Dec8, Dec8, Dec8, Dec8.AddDays(-1), Dec8.AddDays(-1), Dec8.AddDays(-1)], report.Entries.Select(e => e.Date));
        Assert.Equal(2, report.MissingCount);
        Assert.Equal(ImageCheckLevel.Ok, report.Level);
    }

    [Fact]
    public async Task An_unreadable_tag_list_is_an_error_not_a_list_of_missing_images()
    {
        _server.WithPages(SeedTags.Filler(1));
        _server.PageOverrides[1] = (500, "oops");

        await Assert.ThrowsAsync<RegistryException>(() => CheckAsync(Dec8));
    }
}
