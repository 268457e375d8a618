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
}
