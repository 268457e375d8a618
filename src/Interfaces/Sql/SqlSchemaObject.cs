namespace SglangCi.Interfaces.Sql;

/// <summary>
/// A table or view the SQL explorer can query, with its columns in declaration order: what the schema browser lists so
/// that nobody has to read the migrations to write a query.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SqlSchemaObject(
    [property: Id(0)] string Name,
    [property: Id(1)] SqlObjectKind Kind,
    [property: Id(2)] IReadOnlyList<SqlSchemaColumn> Columns);
