using Orleans.Concurrency;
using SglangCi.Interfaces.Sql;

namespace SglangCi.Grains.Sql;

/// <summary>Read-only SQL on the results tables; a stateless worker, like the run queries.</summary>
[StatelessWorker]
public sealed class SqlExplorerGrain(ISqlExplorer explorer) : Grain, ISqlExplorerGrain
{
    /// <summary>The most rows one query returns, whatever the caller asks.</summary>
    public const int RowLimit = 10_000;

    public Task<SqlQueryResult> Query(string sql, int maxRows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        return explorer.QueryAsync(sql, Math.Clamp(maxRows, 1, RowLimit), CancellationToken.None);
    }

    public Task<IReadOnlyList<SqlSchemaObject>> Schema() => explorer.SchemaAsync(CancellationToken.None);
}
