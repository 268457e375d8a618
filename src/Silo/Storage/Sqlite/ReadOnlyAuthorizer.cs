using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SglangCi.Silo.Storage.Sqlite;

/// <summary>
/// SQLite's statement authorizer for the SQL explorer's connection: SQLite asks it about every action a statement
/// compiles to (read this column, call that function, attach that file), after parsing, so it judges what the
/// statement does, not how it is spelled. It allows reading and nothing else. The read-only file and
/// <c>query_only</c> already stop writes to the database; this also refuses what those let through: changing a
/// setting (<c>PRAGMA writable_schema = ON</c>, <c>PRAGMA query_only = OFF</c>), <c>ATTACH</c> and
/// <c>VACUUM INTO</c> (which writes a new file from a read-only connection), transactions, and temp objects.
/// </summary>
public static class ReadOnlyAuthorizer
{
    /// <summary>PRAGMAs that take an argument only to say what to describe; every other PRAGMA may only be read.</summary>
    private static readonly HashSet<string> DescribingPragmas = new(StringComparer.OrdinalIgnoreCase)
    {
        "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list",
        "foreign_key_check", "integrity_check", "quick_check", "table_list",
    };

    /// <summary>Installs the authorizer; it lasts as long as the connection's handle.</summary>
    public static void Install(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        raw.sqlite3_set_authorizer(connection.Handle, Authorize, null);
    }

    private static int Authorize(object userData, int action, string? first, string? second, string? database, string? trigger) =>
        Allowed(action, first, second) ? raw.SQLITE_OK : raw.SQLITE_DENY;

    private static bool Allowed(int action, string? first, string? second) => action switch
    {
        raw.SQLITE_SELECT or raw.SQLITE_READ or raw.SQLITE_FUNCTION or raw.SQLITE_RECURSIVE => true,
        // "PRAGMA name" reads a setting; "PRAGMA name = value" or "PRAGMA name(value)" sets one, unless the
        // PRAGMA only describes the object named.
        raw.SQLITE_PRAGMA => second is null || (first is not null && DescribingPragmas.Contains(first)),
        // A table-valued PRAGMA (SELECT … FROM pragma_table_info('runs')) declares its virtual table through an
        // UPDATE of sqlite_master that SQLite compiles but never runs. A real UPDATE of sqlite_master needs
        // writable_schema, which this authorizer never lets anyone turn on, and the file is read-only besides.
        raw.SQLITE_UPDATE => first is "sqlite_master",
        _ => false,
    };
}
