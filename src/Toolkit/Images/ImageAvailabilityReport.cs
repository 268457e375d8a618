namespace SglangCi.Toolkit.Images;

/// <summary>
/// The result of the nightly image check: every (night, expected image) with its verdict, the counts the old
/// summary printed, and the overall level. The level counts missing required images over all nights checked.
/// </summary>
public sealed record ImageAvailabilityReport(ImageRepository Repository, IReadOnlyList<DateOnly> Dates, IReadOnlyList<ImageCheckEntry> Entries, int PagesRead, TagListingEnd ListingEnd)
{
    public int Checked => Entries.Count;

    public int AvailableCount => Entries.Count(e => e.Status == ImageAvailability.Available);

    public int MissingCount => Checked - AvailableCount;

    public int RequiredMissingCount => Entries.Count(e => e.IsRequiredMissing);

    /// <summary>Ok with no required image missing, warning with one, error with two or more (the old alert's rule).</summary>
    public ImageCheckLevel Level => RequiredMissingCount switch
    {
        0 => ImageCheckLevel.Ok,
        1 => ImageCheckLevel.Warning,
        _ => ImageCheckLevel.Error,
    };

    /// <summary>What the old script's exit code said: 0 iff no required image is missing.</summary>
    public bool AllRequiredAvailable => RequiredMissingCount == 0;
}
