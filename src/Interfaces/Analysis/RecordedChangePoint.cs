using SglangCi.Interfaces.Presets;

namespace SglangCi.Interfaces.Analysis;

/// <summary>A change point the weekly sweep found and stored: the series, the night the level moved, the means before
/// and after, the relative change (positive when worse), Welch's t, the night's image and when the sweep found it.</summary>
[GenerateSerializer, Immutable]
public sealed record RecordedChangePoint(
    [property: Id(0)] string Hardware,
    [property: Id(1)] string Host,
    [property: Id(2)] string Model,
    [property: Id(3)] string Mode,
    [property: Id(4)] LoadKind LoadKind,
    [property: Id(5)] double Load,
    [property: Id(6)] string Metric,
    [property: Id(7)] DateOnly Night,
    [property: Id(8)] double Before,
    [property: Id(9)] double After,
    [property: Id(10)] double Change,
    [property: Id(11)] double T,
    [property: Id(12)] string? Image,
    [property: Id(13)] DateTimeOffset FoundAt);
