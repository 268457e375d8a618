namespace SglangCi.Interfaces.Presets;

/// <summary>An online benchmark sweep: the load points, prompts per point, lengths and repetitions.</summary>
[GenerateSerializer, Immutable]
public sealed record BenchmarkPlan(
    [property: Id(0)] LoadKind LoadKind,
    [property: Id(1)] IReadOnlyList<LoadPoint> Points,
    [property: Id(2)] int RunsPerPoint,
    [property: Id(3)] int InputLength,
    [property: Id(4)] int OutputLength,
    [property: Id(5)] double RangeRatio)
{
    /// <summary>
    /// Latency SLOs for goodput, metric → milliseconds (keys <c>ttft</c>, <c>tpot</c>, <c>e2el</c>), e.g.
    /// <c>{ "ttft": 2000, "tpot": 200 }</c>; each point then stores its goodput (good requests per second).
    /// Null or empty: no goodput.
    /// </summary>
    [Id(6)]
    public IReadOnlyDictionary<string, double>? Goodput { get; init; }
}

/// <summary>One load point: a max concurrency or a request rate (req/s), and the prompts sent at it.</summary>
[GenerateSerializer, Immutable]
public sealed record LoadPoint(
    [property: Id(0)] double Load,
    [property: Id(1)] int NumPrompts);

[GenerateSerializer]
public enum LoadKind
{
    Concurrency = 0,
    Rate = 1,
}
