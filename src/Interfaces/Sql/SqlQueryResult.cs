namespace SglangCi.Interfaces.Sql;

/// <summary>
/// The rows a read-only query returned: column names, then cells in column order. A cell keeps its text in invariant
/// form and says whether it is a number (so JSON can print it as one) or NULL. <see cref="Truncated"/> is true when
/// more rows existed than the limit allowed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SqlQueryResult(
    [property: Id(0)] IReadOnlyList<string> Columns,
    [property: Id(1)] IReadOnlyList<IReadOnlyList<SqlCell>> Rows,
    [property: Id(2)] bool Truncated,
    [property: Id(3)] TimeSpan Elapsed);

/// <summary>One value: <see cref="Text"/> is null for SQL NULL; numbers are invariant-culture text.</summary>
[GenerateSerializer, Immutable]
public readonly record struct SqlCell(
    [property: Id(0)] string? Text,
    [property: Id(1)] bool IsNumber)
{
    public static readonly SqlCell Null = new(null, false);
}
