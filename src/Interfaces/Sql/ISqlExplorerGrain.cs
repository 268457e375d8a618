namespace SglangCi.Interfaces.Sql;

/// <summary>
/// Runs read-only SQL on the results tables (stateless worker; key 0). The connection itself cannot write, so a
/// statement that tries is refused by the database, whatever its text; errors name what went wrong.
/// </summary>
public interface ISqlExplorerGrain : IGrainWithIntegerKey
{
    /// <summary>Runs one query and returns at most <paramref name="maxRows"/> rows.</summary>
    Task<SqlQueryResult> Query(string sql, int maxRows);
}
