namespace SglangCi.Grains.Schedules;

/// <summary>
/// Finds nightly images in a registry. The silo implements it over Docker Hub; tests give a fixed list. Kept to one
/// question so a schedule's rules (which nights, which builds, the yesterday rule) stay in the grain's own code.
/// </summary>
public interface INightlyImageSource
{
    /// <summary>
    /// The first image that exists among, in this order: <paramref name="query"/>'s today with each ROCm build, then
    /// each earlier night (up to <see cref="NightlyImageRequest.Nights"/>) with the primary build only.
    /// </summary>
    /// <exception cref="Exception">The registry could not be read: that is not "no image".</exception>
    Task<NightlyImageLookup> FindAsync(NightlyImageRequest query, CancellationToken cancellationToken);
}

/// <param name="Repository">Docker Hub repository, <c>rocm/sgl-dev</c>.</param>
/// <param name="RocmBuilds">Preference order; the first is the primary build.</param>
/// <param name="Nights">Nights to try, today first: 1 = today only.</param>
public sealed record NightlyImageRequest(string Repository, string Hardware, DateOnly Today, IReadOnlyList<string> RocmBuilds, int Nights);

/// <summary>The image found (full name, its night and build), or none; <paramref name="Tried"/> lists every
/// <c>date rocm</c> looked for, in order, for the reason of a run that found nothing.</summary>
public sealed record NightlyImageLookup(string? Image, DateOnly? Date, string? Rocm, IReadOnlyList<string> Tried)
{
    public bool Found => Image is not null;
}
