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

    /// <summary>
    /// <c>sqlite3_interrupt</c>: the driver steps SQLite on the calling thread and its command timeout only bounds waiting
    /// for locks, so a running statement is stopped from outside.
    /// </summary>
    public void Interrupt(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Connection is SqliteConnection { Handle: { } handle })
        {
            SQLitePCL.raw.sqlite3_interrupt(handle);
        }
    }

    /// <summary>The database's message; SQLite's bare "not authorized" gets the reason this connection has for it.</summary>
    public string Describe(DbException exception) => exception is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_AUTH }
        ? $"{exception.Message} The SQL explorer only reads: writes, ATTACH, transactions and PRAGMAs that change a setting are refused."
        : exception.Message;
}
