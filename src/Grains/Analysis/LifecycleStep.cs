using SglangCi.Interfaces.Analysis;

namespace SglangCi.Grains.Analysis;

/// <summary>What one night did to the alerts: opened, updated (still bad, or looked at), resolved. <see cref="Changed"/> is what to save.</summary>
public sealed record LifecycleStep(IReadOnlyList<SeriesAlert> Opened, IReadOnlyList<SeriesAlert> Updated, IReadOnlyList<SeriesAlert> Resolved)
{
    public IReadOnlyList<SeriesAlert> Changed => [.. Opened, .. Updated, .. Resolved];

    /// <summary>Alerts still active after the night.</summary>
    public int StillActive => Opened.Count + Updated.Count(a => a.IsActive);
}
