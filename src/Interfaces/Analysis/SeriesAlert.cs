using SglangCi.Interfaces.Presets;

namespace SglangCi.Interfaces.Analysis;

/// <summary>
/// One alert of one series and metric, from the night it opened until it is resolved. A series has at most one alert
/// that is not resolved (<see cref="SeriesKey"/>), so a regression that lasts a week is one alert, not seven.
/// </summary>
/// <param name="Id">The series key and the night it opened: stable, readable, unique.</param>
/// <param name="Metric">A benchmark metric's wire name (<c>e2e-median-ms</c> …), <c>gsm8k-accuracy</c>, or <c>nights</c> for missing data.</param>
/// <param name="Since">The first bad night of the change (the candidate night before confirmation).</param>
/// <param name="LastNight">The latest night the analysis looked at this alert.</param>
/// <param name="Baseline">The series' level before the change (what recovery is measured against).</param>
/// <param name="Value">The latest bad night's value.</param>
/// <param name="Change">Relative change of <see cref="Value"/> against <see cref="Baseline"/>, positive when worse (accuracy: the drop in points / 100).</param>
/// <param name="Image">The image of the night it opened.</param>
/// <param name="BaselineImage">The image of the last good night before the change: what to diff against.</param>
[GenerateSerializer, Immutable]
public sealed record SeriesAlert(
    [property: Id(0)] string Id,
    [property: Id(1)] SeriesAlertKind Kind,
    [property: Id(2)] SeriesAlertStatus Status,
    [property: Id(3)] string Hardware,
    [property: Id(4)] string Host,
    [property: Id(5)] string Model,
    [property: Id(6)] string Mode,
    [property: Id(7)] LoadKind? LoadKind,
    [property: Id(8)] double? Load,
    [property: Id(9)] string Metric,
    [property: Id(10)] DateOnly OpenedNight,
    [property: Id(11)] DateOnly? Since,
    [property: Id(12)] DateOnly LastNight,
    [property: Id(13)] double? Baseline,
    [property: Id(14)] double? Value,
    [property: Id(15)] double? Change,
    [property: Id(16)] string? Image,
    [property: Id(17)] string? BaselineImage,
    [property: Id(18)] string? AcknowledgedBy,
    [property: Id(19)] DateTimeOffset? AcknowledgedAt,
    [property: Id(20)] string? Note,
    [property: Id(21)] DateOnly? ResolvedNight,
    [property: Id(22)] DateTimeOffset? ResolvedAt,
    [property: Id(23)] string? Resolution)
{
    /// <summary>The series and metric: (hardware, host, model, mode, load point, metric). At most one unresolved alert per key.</summary>
    public string SeriesKey => SeriesKeyOf(Hardware, Host, Model, Mode, LoadKind, Load, Metric);

    public bool IsActive => Status != SeriesAlertStatus.Resolved;

    public static string SeriesKeyOf(string hardware, string host, string model, string mode, LoadKind? loadKind, double? load, string metric) =>
        string.Join('/', hardware, host, model, mode, loadKind is { } kind ? FormattableString.Invariant($"{kind.ToString().ToLowerInvariant()}:{load}") : "-", metric);
}
