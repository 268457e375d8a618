using System.Data;
using System.Data.Common;
using SglangCi.Silo.Storage.Postgres;

namespace SglangCi.Silo.Storage.Results;

/// <summary>The results store on the cluster's PostgreSQL; the schema is made current (with Orleans' tables) before first use.</summary>
public sealed class PostgresResultsStore(PostgresResultsDatabase database, TimeProvider? time = null)
    : RelationalResultsStore(PostgresResultsDialect.Instance, time)
{
    protected override Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) => database.OpenAsync(cancellationToken);

    // PostgreSQL's default READ COMMITTED gives each statement its own snapshot; a run read as one consistent whole
    // (run, gate, points) needs one snapshot for the transaction, which REPEATABLE READ takes at its first statement.
    protected override async Task<DbTransaction> BeginReadTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
}
