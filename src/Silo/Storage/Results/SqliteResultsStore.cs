using System.Data.Common;
using Microsoft.Data.Sqlite;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Silo.Storage.Results;

/// <summary>The results store on the SQLite file; makes sure the schema is current before first use.</summary>
public sealed class SqliteResultsStore : RelationalResultsStore
{
    private readonly SqliteStorageInitializer _initializer;

    public SqliteResultsStore(SqliteStorageInitializer initializer, TimeProvider? time = null)
        : base(SqliteResultsDialect.Instance, time)
    {
        _initializer = initializer;
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        await _initializer.EnsureInitializedAsync(cancellationToken);
        return await SqliteConnections.OpenAsync(_initializer.ConnectionString, cancellationToken);
    }

    // Microsoft.Data.Sqlite begins IMMEDIATE (write-locking) transactions by default; a read needs only a
    // deferred one, which under WAL never waits for a writer.
    protected override Task<DbTransaction> BeginReadTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));
}
