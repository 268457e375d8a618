namespace SglangCi.Silo.Storage.Results;

/// <summary>
/// The results tables on SQLite (schema: <c>Sql/sqlite/0002_results.sql</c> … ): the portable SQL, plus SQLite's catalog
/// and its change counter.
/// </summary>
public sealed class SqliteResultsDialect : PortableResultsDialect
{
    public static SqliteResultsDialect Instance { get; } = new();

    private SqliteResultsDialect()
    {
    }

    // sqlite_master joined with each object's pragma_table_info; SQLite's own objects (sqlite_*) are left out.
    public override string CatalogSql => """
        SELECT m.name, m.type, p.name, p.type, p."notnull", p.pk
        FROM sqlite_master m
        JOIN pragma_table_info(m.name) p
        WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
        ORDER BY m.name, p.cid
        """;

    // Changes only when another connection commits, and costs microseconds: exactly what the read cache needs.
    public override string ChangeVersionSql => "PRAGMA data_version;";
}
