namespace SglangCi.Interfaces.Upstream;

/// <summary>
/// One category row of a coverage report: how many tests AMD's and NVIDIA's CI run in it.
/// </summary>
/// <param name="Section">The heading the row sits under (<c>CI Category Summary</c>, <c>Per-PR CI Tests</c>, …); null when the
/// report had none (the oldest CSVs). Summary rows and breakdown rows must not be added together.</param>
/// <param name="CoveragePercent">AMD ÷ NVIDIA in percent, as the report states it: may exceed 100 (AMD's nightly runs more
/// models); null for <c>N/A</c> (no NVIDIA tests), never 0.</param>
[GenerateSerializer, Immutable]
public sealed record CoverageCategoryCount(
    [property: Id(0)] string? Section,
    [property: Id(1)] string Category,
    [property: Id(2)] int AmdTests,
    [property: Id(3)] int NvidiaTests,
    [property: Id(4)] double? CoveragePercent);
