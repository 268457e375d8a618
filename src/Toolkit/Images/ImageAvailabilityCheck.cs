namespace SglangCi.Toolkit.Images;

/// <summary>
/// The nightly image check (the old <c>nightly_image_check.sh</c>) as data: for each night and expected image, is
/// there a nightly tag, and does the registry serve it? One pass over the tags finds every image (stopping once all
/// are found); each tag found is then confirmed through the single-tag endpoint, the registry-API stand-in for the
/// old <c>docker manifest inspect</c>.
/// </summary>
public sealed class ImageAvailabilityCheck
{
    private readonly DockerHubTagClient _tags;

    public ImageAvailabilityCheck(DockerHubTagClient tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        _tags = tags;
    }

    /// <summary>The nights the old <c>--date</c>/<c>--days</c> options meant: the date, then N-1 days before it.</summary>
    public static IReadOnlyList<DateOnly> Nights(DateOnly date, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        return [.. Enumerable.Range(0, days).Select(daysAgo => date.AddDays(-daysAgo))];
    }

    /// <param name="dates">Nights to check, in the order to report them.</param>
    /// <param name="expected">Images expected each night; <see cref="ExpectedImage.SeedDefaults"/> when null.</param>
    /// <param name="repository"><see cref="ImageRepository.SglDev"/> when null.</param>
    /// <exception cref="RegistryException">The tag list could not be read; no verdict is possible then.</exception>
    public async Task<ImageAvailabilityReport> RunAsync(
        IReadOnlyList<DateOnly> dates,
        IReadOnlyList<ExpectedImage>? expected = null,
        ImageRepository? repository = null,
        IProgress<TagPageProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentOutOfRangeException.ThrowIfZero(dates.Count);
        expected ??= ExpectedImage.SeedDefaults;
        repository ??= ImageRepository.SglDev;

        var wanted = dates.SelectMany(date => expected.Select(image => (image.Hardware, date, image.Rocm))).ToList();
        var matcher = new NightlyTagMatcher(wanted);
        var listing = await _tags.ListTagsAsync(repository, stopAfter: tag => matcher.Offer(tag) && matcher.AllFound, progress, cancellationToken);

        var entries = new List<ImageCheckEntry>();
        foreach (var date in dates)
        {
            foreach (var image in expected)
            {
                var tag = matcher.Found(image.Hardware, date, image.Rocm);
                entries.Add(tag is null
                    ? new ImageCheckEntry(date, image, ImageAvailability.NotFound, null, null)
                    : await VerifyAsync(repository, date, image, tag.Tag, cancellationToken));
            }
        }

        return new ImageAvailabilityReport(repository, dates, entries, listing.Pages, listing.End);
    }

    private async Task<ImageCheckEntry> VerifyAsync(ImageRepository repository, DateOnly date, ExpectedImage image, string tag, CancellationToken cancellationToken)
    {
        var name = repository.ImageOf(tag);
        try
        {
            return await _tags.ExistsAsync(repository, tag, cancellationToken)
                ? new ImageCheckEntry(date, image, ImageAvailability.Available, name, null)
                : new ImageCheckEntry(date, image, ImageAvailability.FoundButNotPullable, name, "listed, but the tag endpoint answered 404");
        }
        catch (RegistryException ex)
        {
            // A pull would fail the same way; the message keeps the reason for whoever reads the alert.
            return new ImageCheckEntry(date, image, ImageAvailability.FoundButNotPullable, name, ex.Message);
        }
    }
}
