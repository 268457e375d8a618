namespace SglangCi.Toolkit.Images;

/// <summary>
/// What nightly image to look for: hardware, the night ("today"), ROCm builds in preference order and how many
/// nights back a run may fall back to. Build it with <see cref="For(string, DateOnly, IReadOnlyList{string}?, int, ImageRepository?)"/>
/// so the old CI's defaults apply.
/// </summary>
public sealed record NightlyImageQuery
{
    /// <summary>The ROCm build every hardware prefers.</summary>
    public const string PrimaryRocm = "rocm700";

    /// <summary>mi30x images were also built on ROCm 6.3; the old CI used one when the ROCm 7 image of the day was missing.</summary>
    public const string Mi30xFallbackRocm = "rocm630";

    public required string Hardware { get; init; }

    /// <summary>The night to look for first, in the pipeline's time zone (see <see cref="NightlyDate"/>).</summary>
    public required DateOnly Today { get; init; }

    /// <summary>ROCm builds in preference order; the first is the primary one.</summary>
    public required IReadOnlyList<string> RocmBuilds { get; init; }

    /// <summary>How many nights to try: 1 = today only, 2 = today then yesterday, ….</summary>
    public int ContinueRunDays { get; init; } = 1;

    public ImageRepository Repository { get; init; } = ImageRepository.SglDev;

    /// <summary>
    /// A query with the old CI's defaults: rocm700 first and, on mi30x only, rocm630 for the same day.
    /// </summary>
    public static NightlyImageQuery For(
        string hardware,
        DateOnly today,
        IReadOnlyList<string>? rocmBuilds = null,
        int continueRunDays = 1,
        ImageRepository? repository = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hardware);
        ArgumentOutOfRangeException.ThrowIfLessThan(continueRunDays, 1);
        var builds = rocmBuilds is { Count: > 0 } ? rocmBuilds : DefaultRocmBuilds(hardware);
        if (builds.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A ROCm build name must not be empty.", nameof(rocmBuilds));
        }

        return new NightlyImageQuery
        {
            Hardware = hardware.Trim().ToLowerInvariant(),
            Today = today,
            RocmBuilds = [.. builds.Select(build => build.Trim().ToLowerInvariant())],
            ContinueRunDays = continueRunDays,
            Repository = repository ?? ImageRepository.SglDev,
        };
    }

    public static IReadOnlyList<string> DefaultRocmBuilds(string hardware) =>
        string.Equals(hardware.Trim(), "mi30x", StringComparison.OrdinalIgnoreCase) ? [PrimaryRocm, Mi30xFallbackRocm] : [PrimaryRocm];

    /// <summary>
    /// The (date, ROCm) pairs in preference order: today with every build, then each earlier night with the primary
    /// build only. The old CI never ran yesterday's ROCm 6.3 image: an older, different-ROCm result says too little.
    /// </summary>
    public IReadOnlyList<NightlyCandidate> Candidates()
    {
        var candidates = new List<NightlyCandidate>();
        for (var daysAgo = 0; daysAgo < ContinueRunDays; daysAgo++)
        {
            var date = Today.AddDays(-daysAgo);
            foreach (var build in daysAgo == 0 ? RocmBuilds : RocmBuilds.Take(1))
            {
                candidates.Add(new NightlyCandidate(date, build, IsFallback: candidates.Count > 0));
            }
        }

        return candidates;
    }
}
