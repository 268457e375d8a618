using System.Data.Common;
using Microsoft.Data.Sqlite;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Silo.Storage.Migrations;

public sealed class SqliteMigrationDialect : IMigrationDialect
{
    public static SqliteMigrationDialect Instance { get; } = new();

    public string Name => "sqlite";

    public DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    public async Task PrepareConnectionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL lets the dashboard read while a run writes, and it is a property of the file: set once here,
        // every later connection (Orleans' included) gets it. It cannot change inside a transaction.
        // The busy timeout makes a second process starting at the same moment wait for the first one's
        // migration transaction instead of failing.
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {SqliteConnectionStrings.BusyTimeoutSeconds * 1000}; PRAGMA journal_mode = WAL;";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public string CreateHistoryTableSql => """
        CREATE TABLE IF NOT EXISTS schema_migrations
        (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL,
            checksum   TEXT    NOT NULL
        );
        """;

    public string SelectHistorySql => "SELECT version, name, checksum FROM schema_migrations ORDER BY version;";

    public string InsertHistorySql =>
        "INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (@version, @name, @applied_at, @checksum);";

    // Microsoft.Data.Sqlite begins transactions IMMEDIATE, which already takes the write lock.
    public string? LockSql => null;

    public object ToDbTimestamp(DateTimeOffset value) => SqliteValues.Timestamp(value);
}
