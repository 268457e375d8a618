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

    /// <remarks>
    /// Four locks, each enough against writes to the file on its own, and together enough against the rest: the file
    /// is opened read-only; <c>query_only</c> also covers temp tables; no database can be attached (the limit is 0,
    /// so neither <c>ATTACH</c> nor <c>VACUUM INTO</c> can reach another file); and <see cref="ReadOnlyAuthorizer"/>
    /// refuses anything but reading, including turning those settings off. Unpooled, so nothing a query did to a
    /// connection outlives the query.
    /// </remarks>
    public async Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureInitializedAsync(cancellationToken);
        var builder = new SqliteConnectionStringBuilder(initializer.ConnectionString)
        {
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        };
        var connection = await SqliteConnections.OpenAsync(builder.ToString(), cancellationToken);
        try
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA query_only = ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            SQLitePCL.raw.sqlite3_limit(connection.Handle, SQLitePCL.raw.SQLITE_LIMIT_ATTACHED, 0);
            ReadOnlyAuthorizer.Install(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
