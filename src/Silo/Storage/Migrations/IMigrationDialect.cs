using System.Data.Common;

namespace SglangCi.Silo.Storage.Migrations;

/// <summary>
/// What the migration runner needs to know about one SQL dialect. Adding PostgreSQL means one class
/// implementing this plus its scripts under <c>Storage/Sql/postgres/</c>.
/// </summary>
public interface IMigrationDialect
{
    /// <summary>Folder name of the dialect's scripts (<c>sqlite</c>, <c>postgres</c>).</summary>
    string Name { get; }

    DbConnection CreateConnection(string connectionString);

    /// <summary>Runs once per open connection, outside any transaction (e.g. SQLite's journal mode).</summary>
    Task PrepareConnectionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Creates <c>schema_migrations(version, name, applied_at, checksum)</c> if missing.</summary>
    string CreateHistoryTableSql { get; }

    /// <summary>Selects <c>version, name, checksum</c> of every applied migration.</summary>
    string SelectHistorySql { get; }

    /// <summary>Records one migration; parameters <c>@version, @name, @applied_at, @checksum</c>.</summary>
    string InsertHistorySql { get; }

    /// <summary>
    /// Run first in every migration transaction so concurrent starters take turns (SQLite's
    /// BEGIN IMMEDIATE already does; PostgreSQL would take an advisory lock). Null when not needed.
    /// </summary>
    string? LockSql { get; }

    /// <summary>The dialect's value for a UTC timestamp column.</summary>
    object ToDbTimestamp(DateTimeOffset value);
}
