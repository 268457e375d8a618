using SglangCi.Interfaces.Presets;

namespace SglangCi.Interfaces.Runs;

/// <summary>
/// A load point of an imported run known only by its medians, from one of the old CI's summaries: <c>csv</c>,
/// <c>timing-summary</c> or <c>cron-log</c>, with the file and line it was read from.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SummaryPoint(
    [property: Id(0)] string Origin,
    [property: Id(1)] LoadKind LoadKind,
    [property: Id(2)] double Load,
    [property: Id(3)] double? E2eMedianMs,
    [property: Id(4)] double? TtftMedianMs,
    [property: Id(5)] double? ItlMedianMs,
    [property: Id(6)] string SourcePath,
    [property: Id(7)] int SourceLine);
