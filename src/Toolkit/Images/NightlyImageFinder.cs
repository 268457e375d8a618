namespace SglangCi.Toolkit.Images;

/// <summary>
/// Finds the image a nightly run should use: today's primary-ROCm build, else today's fallback ROCm (mi30x: rocm630),
/// else an earlier night's primary build within <see cref="NightlyImageQuery.ContinueRunDays"/>. One pass over the
/// registry's tags, newest first, serves every candidate; it stops as soon as the most preferred one is found, since
/// nothing found later could beat it.
/// </summary>
public sealed class NightlyImageFinder
{
    private readonly DockerHubTagClient _tags;

    public NightlyImageFinder(DockerHubTagClient tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        _tags = tags;
    }

    /// <exception cref="RegistryException">The tags could not be read: that is not the same as "no image".</exception>
    public async Task<NightlyImageResult> FindAsync(
        NightlyImageQuery query,
        IProgress<TagPageProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var candidates = query.Candidates();
        var best = candidates[0];
        var matcher = new NightlyTagMatcher(candidates.Select(c => (query.Hardware, c.Date, c.Rocm)));
        var listing = await _tags.ListTagsAsync(
            query.Repository,
            stopAfter: tag => matcher.Offer(tag) && matcher.Found(query.Hardware, best.Date, best.Rocm) is not null,
            progress,
            cancellationToken);

        var attempts = new List<NightlyAttempt>();
        foreach (var candidate in candidates)
        {
            var tag = matcher.Found(query.Hardware, candidate.Date, candidate.Rocm);
            attempts.Add(new NightlyAttempt(candidate.Date, candidate.Rocm, tag?.Tag));
            if (tag is not null)
            {
                return Result(query, listing, attempts) with { Tag = tag, IsFallback = candidate.IsFallback };
            }
        }

        return Result(query, listing, attempts);
    }

    private static NightlyImageResult Result(NightlyImageQuery query, TagListing listing, IReadOnlyList<NightlyAttempt> attempts) => new()
    {
        Hardware = query.Hardware,
        Repository = query.Repository,
        Attempts = attempts,
        PagesRead = listing.Pages,
        ListingEnd = listing.End,
    };
}
