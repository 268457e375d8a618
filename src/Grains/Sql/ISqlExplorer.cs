using SglangCi.Interfaces.Sql;

namespace SglangCi.Grains.Sql;

/// <summary>Runs a query on a read-only connection to the results database; implemented by the Silo.</summary>
public interface ISqlExplorer
{
    Task<SqlQueryResult> QueryAsync(string sql, int maxRows, CancellationToken cancellationToken);

    /// <summary>The tables and views of the results database with their columns, read on the same read-only connection.</summary>
    Task<IReadOnlyList<SqlSchemaObject>> SchemaAsync(CancellationToken cancellationToken);
}
