namespace SglangCi.Interfaces.Alerts;

/// <summary>A chart in a card: an absolute URL of a PNG the dashboard serves, and its alternative text.</summary>
[GenerateSerializer, Immutable]
public sealed record AlertChart(
    [property: Id(0)] string Title,
    [property: Id(1)] string ImageUrl);
