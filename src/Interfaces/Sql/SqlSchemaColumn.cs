namespace SglangCi.Interfaces.Sql;

/// <summary>
/// One column of a table or view as the database declares it. <see cref="Type"/> is the declared type text (empty
/// for a view column computed by an expression); the flags let the schema browser mark keys and required columns.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SqlSchemaColumn(
    [property: Id(0)] string Name,
    [property: Id(1)] string Type,
    [property: Id(2)] bool NotNull,
    [property: Id(3)] bool PrimaryKey);
