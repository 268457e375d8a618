using System.Data.Common;
using Npgsql;
using SglangCi.Silo.Storage.Results;

namespace SglangCi.Silo.Storage.Postgres;

/// <summary>The results tables in the cluster's PostgreSQL database (schema ensured by <see cref="PostgresStorageInitializer"/>).</summary>
public sealed class PostgresResultsDatabase(PostgresStorageInitializer initializer) : IResultsDatabase
{
    /// <summary>
    /// Begins the explorer's transaction: read-only, and with its snapshot taken at once (REPEATABLE READ takes it at
    /// the first statement, the <c>SELECT 1</c>). PostgreSQL refuses to make a transaction read-write once it has run a
    /// query, so no statement of the user's (<c>SET transaction_read_only = off</c>, <c>set_config(…)</c>) can undo it.
    /// </summary>
    private const string BeginReadOnly = "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT 1;";

    public IResultsDialect Dialect => PostgresResultsDialect.Instance;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureInitializedAsync(cancellationToken);
        return await OpenConnectionAsync(initializer.ConnectionString, cancellationToken);
    }

    /// <remarks>
    /// A connection inside a read-only transaction (<see cref="BeginReadOnly"/>) that is never committed: the
    /// connection is unpooled, so disposing it ends the session and PostgreSQL rolls the transaction back, and nothing
    /// a query set (<c>SET</c> …) outlives it. <see cref="CreateReadOnlyCommand"/> makes the server refuse a second
    /// statement, so a <c>COMMIT</c> cannot end the transaction for a later statement to write outside it.
    /// The remaining caveat: a read-only transaction still lets a superuser (or a member of
    /// <c>pg_execute_server_program</c> / <c>pg_write_server_files</c>) run <c>COPY … TO PROGRAM</c> or write server
    /// files, and lets any role call functions that act outside the database. The connection string's role should
    /// therefore not be a superuser; a cluster that wants the explorer fully confined gives the silos a role that owns
    /// only this database.
    /// </remarks>
    public async Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureInitializedAsync(cancellationToken);
        var builder = new NpgsqlConnectionStringBuilder(initializer.ConnectionString) { Pooling = false };
        var connection = await OpenConnectionAsync(builder.ConnectionString, cancellationToken);
        try
        {
            await using var begin = new NpgsqlCommand(BeginReadOnly, connection);
            await begin.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// One unnamed (positional) parameter puts Npgsql in its raw mode: it sends the text as it is, as one prepared
    /// statement, instead of splitting it at semicolons by its own reading of the SQL. PostgreSQL then refuses a second
    /// statement itself ("cannot insert multiple commands into a prepared statement"), whatever quoting hides it from
    /// the explorer's scanner (dollar quotes, E'' escapes, nested comments). The parameter is typed, so an unused
    /// <c>$1</c> is no error; a query that uses <c>$1</c> reads 0.
    /// </summary>
    public DbCommand CreateReadOnlyCommand(DbConnection connection, string sql)
    {
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)connection);
        command.Parameters.Add(new NpgsqlParameter { Value = 0 });
        return command;
    }

    private static async Task<NpgsqlConnection> OpenConnectionAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
