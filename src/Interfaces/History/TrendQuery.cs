namespace SglangCi.Interfaces.History;

/// <summary>The nights of one (hardware, model, mode), all hosts unless one is given, between two image dates.</summary>
[GenerateSerializer, Immutable]
public sealed record TrendQuery(
    [property: Id(0)] string Hardware,
    [property: Id(1)] string Model,
    [property: Id(2)] string Mode,
    [property: Id(3)] string? Host = null,
    [property: Id(4)] DateOnly? From = null,
    [property: Id(5)] DateOnly? To = null);
