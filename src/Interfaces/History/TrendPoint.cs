using SglangCi.Interfaces.Presets;

namespace SglangCi.Interfaces.History;

/// <summary>
/// One night of one series: the medians (and, from client logs, throughput and p99) of the most trusted source that
/// night had (<see cref="Origin"/>: client-log, csv, timing-summary, cron-log), the image and the run it came from.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrendPoint(
    [property: Id(0)] string Host,
    [property: Id(1)] DateOnly ImageDate,
    [property: Id(2)] string? Image,
    [property: Id(3)] LoadKind LoadKind,
    [property: Id(4)] double Load,
    [property: Id(5)] string Origin,
    [property: Id(6)] string RunId,
    [property: Id(7)] double E2eMedianMs,
    [property: Id(8)] double TtftMedianMs,
    [property: Id(9)] double ItlMedianMs,
    [property: Id(10)] double? TpotMedianMs,
    [property: Id(11)] double? OutputThroughput,
    [property: Id(12)] double? E2eP99Ms);
