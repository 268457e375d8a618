namespace SglangCi.Silo.Storage.Results;

/// <summary>
/// The results tables on PostgreSQL (schema: <c>Sql/postgres/0002_results.sql</c>): the portable SQL, plus the catalog
/// read from <c>pg_catalog</c> (only what the connection's role may read) and the change counter the
/// schema keeps in <c>results_changes</c>.
/// </summary>
public sealed class PostgresResultsDialect : PortableResultsDialect
{
    public static PostgresResultsDialect Instance { get; } = new();

    private PostgresResultsDialect()
    {
    }

    // Our tables live in the public schema. Read from pg_catalog, not information_schema, whose views cost hundreds of
    // milliseconds here (the explorer page lists the schema on every visit); has_table_privilege keeps the list to what
    // the connection's role may read. Flags are bigint as SQLite returns them; names ordered byte-wise as SQLite's are.
    public override string CatalogSql => """
        SELECT CAST(c.relname AS text), CASE c.relkind WHEN 'v' THEN 'view' ELSE 'table' END,
               CAST(a.attname AS text), format_type(a.atttypid, NULL),
               CAST(CASE WHEN a.attnotnull THEN 1 ELSE 0 END AS bigint),
               CAST(CASE WHEN EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey))
                         THEN 1 ELSE 0 END AS bigint)
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v') AND has_table_privilege(c.oid, 'SELECT')
        ORDER BY CAST(c.relname AS text) COLLATE "C", a.attnum
        """;

    // Bumped once per committed writing transaction by the results tables' deferred triggers (0002_results.sql).
    public override string? ChangeVersionSql => "SELECT version FROM results_changes WHERE id = 1;";
}
