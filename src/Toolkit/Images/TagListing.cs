namespace SglangCi.Toolkit.Images;

/// <summary>Why paging through a repository's tags ended.</summary>
public enum TagListingEnd
{
    /// <summary>The last page said there is no next page: every tag was seen.</summary>
    Exhausted,

    /// <summary>The caller's stop predicate matched: the rest was not fetched (the old script also stopped at the first match).</summary>
    StoppedEarly,

    /// <summary>
    /// The page limit was reached while pages still pointed to a next one. Tags beyond it were not seen, so "not found"
    /// only means "not among the newest pages" (or the registry's <c>next</c> links loop).
    /// </summary>
    PageLimit,
}

/// <summary>The tags seen, newest first as Docker Hub orders them, how many pages that took, and why paging ended.</summary>
public sealed record TagListing(IReadOnlyList<DockerHubTag> Tags, int Pages, TagListingEnd End);

/// <summary>Reported after each tags page, for a status line while a long listing runs.</summary>
public sealed record TagPageProgress(int Page, int TagsSeen, Uri Url);
