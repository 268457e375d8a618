using SglangCi.Interfaces.Sql;

namespace SglangCi.Grains.Sql;

/// <summary>Runs a query on a read-only connection to the results database; implemented by the Silo.</summary>
public interface ISqlExplorer
{
    Task<SqlQueryResult> QueryAsync(string sql, int maxRows, CancellationToken cancellationToken);
}
