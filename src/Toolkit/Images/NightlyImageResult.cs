using SglangCi.Toolkit.History;

namespace SglangCi.Toolkit.Images;

/// <summary>One (date, ROCm) the finder considered, and the tag that matched it, if any.</summary>
public sealed record NightlyAttempt(DateOnly Date, string Rocm, string? FoundTag);

/// <summary>
/// The answer of <see cref="NightlyImageFinder"/>: the chosen image and why it was chosen (which night, which ROCm,
/// whether it was a fallback), or that none was found, with every (date, ROCm) tried in preference order so a
/// "no image tonight" alert can say exactly what was looked for.
/// </summary>
public sealed record NightlyImageResult
{
    public required string Hardware { get; init; }

    public required ImageRepository Repository { get; init; }

    /// <summary>The parsed tag found, or null when no candidate matched.</summary>
    public ImageTag? Tag { get; init; }

    /// <summary>Full image name to pull, <c>rocm/sgl-dev:v0.5.6-rocm700-mi30x-20251216</c>, or null.</summary>
    public string? Image => Tag is null ? null : Repository.ImageOf(Tag.Tag);

    public bool Found => Tag is not null;

    /// <summary>The night of the image found (may be before the query's today when falling back).</summary>
    public DateOnly? Date => Tag?.Date;

    public string? Rocm => Tag?.Rocm;

    /// <summary>True when the image is not today's primary-ROCm build.</summary>
    public bool IsFallback { get; init; }

    /// <summary>Candidates in preference order up to and including the one chosen (all of them when nothing was found).</summary>
    public required IReadOnlyList<NightlyAttempt> Attempts { get; init; }

    /// <summary>Tags pages read, and why reading stopped; <see cref="TagListingEnd.PageLimit"/> means older tags were not seen.</summary>
    public required int PagesRead { get; init; }

    public required TagListingEnd ListingEnd { get; init; }
}
