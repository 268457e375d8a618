using System.Data.Common;

namespace SglangCi.Silo.Storage.Results;

/// <summary>
/// The results database for code that writes or reads it in bulk outside the results store: the history importer
/// and the read-only SQL explorer. One implementation per engine; the schema is current once a connection is open.
/// </summary>
public interface IResultsDatabase
{
    IResultsDialect Dialect { get; }

    /// <summary>A read-write connection to a database whose schema is current.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A connection that cannot write, by construction of the connection itself (not by inspecting the SQL): the
    /// SQL explorer runs whatever a user types on it.
    /// </summary>
    Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The SQL explorer's command for <paramref name="sql"/> on a connection from <see cref="OpenReadOnlyAsync"/>. An
    /// engine may bind it so the server itself refuses a second statement; plain <see cref="DbConnection.CreateCommand"/>
    /// unless it needs that.
    /// </summary>
    DbCommand CreateReadOnlyCommand(DbConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>
    /// Stops <paramref name="command"/> while it runs, from another thread (the SQL explorer's time limit). ADO.NET's
    /// <see cref="DbCommand.Cancel"/> unless the engine needs another way.
    /// </summary>
    void Interrupt(DbCommand command) => command.Cancel();

    /// <summary>
    /// What to tell the SQL explorer's user about <paramref name="exception"/>: the database's message, with the reason
    /// where the engine's own message gives none.
    /// </summary>
    string Describe(DbException exception) => exception.Message;
}
