using SglangCi.Interfaces.Presets;

namespace SglangCi.Interfaces.History;

/// <summary>
/// One benchmark series: hardware, host, model, mode and load point, with how many nights it has and when. Both our
/// own runs and imported ones form series; the host is part of the key (two hosts give different numbers).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrendSeries(
    [property: Id(0)] string Hardware,
    [property: Id(1)] string Host,
    [property: Id(2)] string Model,
    [property: Id(3)] string Mode,
    [property: Id(4)] LoadKind LoadKind,
    [property: Id(5)] double Load,
    [property: Id(6)] int Nights,
    [property: Id(7)] DateOnly First,
    [property: Id(8)] DateOnly Last);
