using Microsoft.Extensions.Logging;
using SglangCi.Silo.Storage.Migrations;

namespace SglangCi.Silo.Storage.Postgres;

/// <summary>
/// Brings the cluster's PostgreSQL database to the current schema (Orleans' tables and queries, then ours) once per
/// process, before the silo's providers read their queries; every silo runs it, under the migrations' advisory lock.
/// </summary>
public sealed class PostgresStorageInitializer(string connectionString, ILoggerFactory? loggerFactory = null)
{
    private readonly SchemaOnce _schema = new(PostgresMigrationDialect.Instance, connectionString, loggerFactory);

    public string ConnectionString => connectionString;

    public Task EnsureInitializedAsync(CancellationToken cancellationToken) => _schema.EnsureAsync(cancellationToken);
}
