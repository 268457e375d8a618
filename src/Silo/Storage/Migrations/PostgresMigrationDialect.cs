using System.Data.Common;
using Npgsql;

namespace SglangCi.Silo.Storage.Migrations;

/// <summary>
/// Migrations on PostgreSQL (scripts under <c>Storage/Sql/postgres/</c>). Every silo of a cluster runs them at start,
/// so starters take turns on one advisory lock: the history table is created under it, and each migration's
/// transaction takes it first.
/// </summary>
public sealed class PostgresMigrationDialect : IMigrationDialect
{
    /// <summary>The advisory lock key migrations take ("SGLCI" in ASCII, so it reads as ours in <c>pg_locks</c>).</summary>
    public const long AdvisoryLockKey = 0x53_47_4C_43_49;

    public static PostgresMigrationDialect Instance { get; } = new();

    public string Name => "postgres";

    public DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    public Task PrepareConnectionAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    // CREATE TABLE IF NOT EXISTS is not safe against a concurrent twin (both can pass the check), so it runs under the
    // same lock, held until the DO block's own transaction ends.
    public string CreateHistoryTableSql => $"""
        DO $$
        BEGIN
            PERFORM pg_advisory_xact_lock({AdvisoryLockKey});
            CREATE TABLE IF NOT EXISTS schema_migrations
            (
                version    integer     NOT NULL PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL,
                checksum   text        NOT NULL
            );
        END
        $$;
        """;

    public string SelectHistorySql => "SELECT version, name, checksum FROM schema_migrations ORDER BY version;";

    public string InsertHistorySql =>
        "INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (@version, @name, @applied_at, @checksum);";

    public string? LockSql => $"SELECT pg_advisory_xact_lock({AdvisoryLockKey});";

    public object ToDbTimestamp(DateTimeOffset value) => value.ToUniversalTime();
}
