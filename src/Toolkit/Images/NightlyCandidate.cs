namespace SglangCi.Toolkit.Images;

/// <summary>
/// One (date, ROCm build) the finder looks for, in preference order. <see cref="IsFallback"/> is true for anything but
/// today's primary build: a fallback image runs, but its results belong to another night or another ROCm.
/// </summary>
public sealed record NightlyCandidate(DateOnly Date, string Rocm, bool IsFallback)
{
    /// <summary>The part of the tag the old scripts searched for: <c>-rocm700-mi30x-20251216</c>.</summary>
    public string Pattern(string hardware) => $"-{Rocm}-{hardware}-{Date:yyyyMMdd}";
}
