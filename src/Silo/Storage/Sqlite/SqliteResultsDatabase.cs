using System.Data.Common;
using Microsoft.Data.Sqlite;
using SglangCi.Silo.Storage.Results;

namespace SglangCi.Silo.Storage.Sqlite;

/// <summary>The results tables in the SQLite file.</summary>
public sealed class SqliteResultsDatabase(SqliteStorageInitializer initializer) : IResultsDatabase
{
    public IResultsDialect Dialect => SqliteResultsDialect.Instance;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureInitializedAsync(cancellationToken);
        return await SqliteConnections.OpenAsync(initializer.ConnectionString, cancellationToken);
    }

    public async Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureInitializedAsync(cancellationToken);
        var builder = new SqliteConnectionStringBuilder(initializer.ConnectionString) { Mode = SqliteOpenMode.ReadOnly };
        var connection = await SqliteConnections.OpenAsync(builder.ToString(), cancellationToken);
        try
        {
            // Belt and braces: a read-only file handle already refuses writes; query_only also refuses them on
            // attached databases and temp tables, which a read-only open alone would allow.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA query_only = ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
