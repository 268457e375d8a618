namespace SglangCi.Interfaces.Sql;

/// <summary>
/// Runs read-only SQL on the results tables (stateless worker; key 0). The connection itself cannot write, so a
/// statement that tries is refused by the database, whatever its text; errors name what went wrong.
/// </summary>
public interface ISqlExplorerGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Runs one statement and returns at most <paramref name="maxRows"/> rows. A refused, failing or too slow query
    /// throws an <see cref="ArgumentException"/> whose message says why.
    /// </summary>
    Task<SqlQueryResult> Query(string sql, int maxRows);

    /// <summary>The tables and views a query can read, with their columns, sorted by name.</summary>
    Task<IReadOnlyList<SqlSchemaObject>> Schema();
}
