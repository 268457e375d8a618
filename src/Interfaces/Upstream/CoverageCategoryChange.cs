namespace SglangCi.Interfaces.Upstream;

/// <summary>
/// One category whose counts differ between two reports. A count is null on the side where the category did not
/// exist, so a new or dropped category reads as such rather than as a drop to zero.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CoverageCategoryChange(
    [property: Id(0)] string? Section,
    [property: Id(1)] string Category,
    [property: Id(2)] int? AmdBefore,
    [property: Id(3)] int? AmdAfter,
    [property: Id(4)] int? NvidiaBefore,
    [property: Id(5)] int? NvidiaAfter);
