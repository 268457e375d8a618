namespace SglangCi.Interfaces.Alerts;

/// <summary>A small table in a card: a heading, column names and rows of preformatted cells.</summary>
[GenerateSerializer, Immutable]
public sealed record AlertTable(
    [property: Id(0)] string Heading,
    [property: Id(1)] IReadOnlyList<string> Columns,
    [property: Id(2)] IReadOnlyList<IReadOnlyList<string>> Rows);
