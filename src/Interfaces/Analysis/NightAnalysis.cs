using SglangCi.Interfaces.Alerts;

namespace SglangCi.Interfaces.Analysis;

/// <summary>
/// What analysing one hardware's night did: the alerts it opened and resolved, the improvements it saw, the series that
/// produced nothing, and the one message (a benchmark-night card) to send — null when there is nothing to say or the
/// night ran on a stale image (<see cref="Suppressed"/> says why).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NightAnalysis(
    [property: Id(0)] string Hardware,
    [property: Id(1)] DateOnly Night,
    [property: Id(2)] IReadOnlyList<SeriesAlert> Opened,
    [property: Id(3)] IReadOnlyList<SeriesAlert> Resolved,
    [property: Id(4)] int StillActive,
    [property: Id(5)] int Improvements,
    [property: Id(6)] int CandidateRegressions,
    [property: Id(7)] AlertMessage? Message,
    [property: Id(8)] string? Suppressed);
