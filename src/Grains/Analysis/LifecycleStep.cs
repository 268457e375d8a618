using SglangCi.Interfaces.Analysis;

namespace SglangCi.Grains.Analysis;

/// <summary>
/// What one night did to the alerts: opened, updated (still bad), resolved, and how many are active after it (those
/// neither bad tonight nor recovered included: a step the baseline absorbed, data missing within its retire window).
/// <see cref="Changed"/> is what to save.
/// </summary>
public sealed record LifecycleStep(IReadOnlyList<SeriesAlert> Opened, IReadOnlyList<SeriesAlert> Updated, IReadOnlyList<SeriesAlert> Resolved, int StillActive)
{
    public IReadOnlyList<SeriesAlert> Changed => [.. Opened, .. Updated, .. Resolved];
}
