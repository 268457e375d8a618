using Npgsql;
using SglangCi.Interfaces.Sql;
using SglangCi.Silo.Storage.Postgres;
using SglangCi.Silo.Storage.Results;

namespace SglangCi.Integration.Tests.Postgres;

/// <summary>
/// The SQL explorer on PostgreSQL: reads come back as typed cells; every way of writing, of leaving the read-only
/// transaction, or of slipping a second statement past the explorer's scanner is refused and changes nothing; a
/// runaway query stops at the time limit; the schema lists our tables and views with their columns.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresSqlExplorerTests : IAsyncLifetime
{
    private const string CountRuns = "SELECT COUNT(*) FROM runs";

    private TempPostgresDatabase _db = null!;
    private PostgresResultsDatabase _database = null!;
    private ReadOnlySqlExplorer _explorer = null!;

    public async Task InitializeAsync()
    {
        _db = await PostgresServer.CreateDatabaseAsync();
        var initializer = new PostgresStorageInitializer(_db.ConnectionString);
        await initializer.EnsureInitializedAsync(CancellationToken.None);
        foreach (var (id, model) in new[] { ("r1", "GROK1"), ("r2", "GROK1"), ("r3", "GROK2") })
        {
            await ExecuteAsync(
                "INSERT INTO runs (id, preset, preset_version, model, node, host, hardware, mode, status, phase, \"trigger\", created_at) " +
                $"VALUES ('{id}', 'p', 1, '{model}', 'n', 'h', 'sim', 'online', 'succeeded', 'done', 'manual', '2026-01-01T00:00:00.0000000Z')");
        }

        _database = new PostgresResultsDatabase(initializer);
        _explorer = new ReadOnlySqlExplorer(_database);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [PostgresFact]
    public async Task A_select_returns_typed_cells()
    {
        var result = await _explorer.QueryAsync(
            "SELECT id, preset_version, 1.5::double precision AS ratio, NULL AS missing, created_at FROM runs ORDER BY id", 2, CancellationToken.None);

        Assert.Equal(["id", "preset_version", "ratio", "missing", "created_at"], result.Columns);
        Assert.True(result.Truncated);
        Assert.Equal(
            [new SqlCell("r1", false), new SqlCell("1", true), new SqlCell("1.5", true), SqlCell.Null, new SqlCell("2026-01-01T00:00:00.0000000Z", false)],
            result.Rows[0]);
        Assert.Equal("r2", result.Rows[1][0].Text);
    }

    [PostgresTheory]
    [InlineData("DELETE FROM runs", "read-only transaction")]
    [InlineData("UPDATE runs SET model = 'x'", "read-only transaction")]
    [InlineData("INSERT INTO runs SELECT * FROM runs", "read-only transaction")]
    [InlineData("WITH gone AS (DELETE FROM runs RETURNING id) SELECT * FROM gone", "read-only transaction")]
    [InlineData("DROP TABLE runs", "read-only transaction")]
    [InlineData("CREATE TABLE t (x integer)", "read-only transaction")]
    [InlineData("CREATE TEMP TABLE t (x integer)", "read-only transaction")]
    [InlineData("TRUNCATE runs", "read-only transaction")]
    [InlineData("SELECT nextval('no_such_sequence')", "does not exist")]
    [InlineData("SET transaction_read_only = off", "read-write mode must be set before any query")]
    [InlineData("SELECT set_config('transaction_read_only', 'off', false)", "read-write mode must be set before any query")]
    [InlineData("SET TRANSACTION READ WRITE", "read-write mode must be set before any query")]
    [InlineData("SELECT 1; DELETE FROM runs", "one statement at a time")]
    [InlineData("COMMIT; DELETE FROM runs", "one statement at a time")]
    // Quoting the explorer's scanner reads another way (a dollar quote, an E'' escape) hides the second statement from it;
    // PostgreSQL itself refuses the text.
    [InlineData("SELECT $$'$$; COMMIT; DELETE FROM runs; --'", "multiple commands")]
    [InlineData("SELECT E'\\''; DELETE FROM runs; --'", "multiple commands")]
    public async Task A_write_is_refused_and_changes_nothing(string sql, string message)
    {
        var before = await SnapshotAsync();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => _explorer.QueryAsync(sql, 100, CancellationToken.None));

        Assert.Contains(message, refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await SnapshotAsync());
    }

    [PostgresFact]
    public async Task A_semicolon_at_the_end_or_in_a_literal_is_one_statement()
    {
        Assert.Equal("a;b", (await _explorer.QueryAsync("SELECT 'a;b' AS x;", 10, CancellationToken.None)).Rows.Single()[0].Text);
        Assert.Equal("3", (await _explorer.QueryAsync(CountRuns + "; -- done\n", 10, CancellationToken.None)).Rows.Single()[0].Text);
    }

    [PostgresFact]
    public async Task A_runaway_query_is_stopped_by_the_time_limit_and_the_explorer_answers_afterwards()
    {
        var explorer = new ReadOnlySqlExplorer(_database, TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var stopped = await Assert.ThrowsAsync<ArgumentException>(() => explorer.QueryAsync("SELECT pg_sleep(60)", 10, CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the query was stopped only after {clock.Elapsed}");
        Assert.Contains("ran longer than 0.3 s and was stopped", stopped.Message, StringComparison.Ordinal);
        Assert.Equal("3", (await explorer.QueryAsync(CountRuns, 1, CancellationToken.None)).Rows.Single()[0].Text);
    }

    [PostgresFact]
    public async Task The_schema_lists_tables_and_views_with_their_columns()
    {
        var schema = await _explorer.SchemaAsync(CancellationToken.None);

        var runs = schema.Single(o => o.Name == "runs");
        Assert.Equal(SqlObjectKind.Table, runs.Kind);
        Assert.Equal(new SqlSchemaColumn("id", "text", true, true), runs.Columns[0]);
        Assert.Contains(new SqlSchemaColumn("created_at", "text", true, false), runs.Columns);
        Assert.Contains(runs.Columns, c => c.Name == "job_key" && !c.NotNull);

        var points = schema.Single(o => o.Name == "benchmark_points");
        Assert.Contains(points.Columns, c => c.Name == "e2e_median_ms" && c.Type == "double precision" && !c.NotNull);
        Assert.Equal(4, points.Columns.Count(c => c.PrimaryKey));

        var nights = schema.Single(o => o.Name == "night_points");
        Assert.Equal(SqlObjectKind.View, nights.Kind);
        Assert.Equal(["hardware", "host", "model", "mode", "image_date"], nights.Columns.Take(5).Select(c => c.Name));

        Assert.Equal(schema.Select(o => o.Name).Order(StringComparer.Ordinal), schema.Select(o => o.Name));
        Assert.DoesNotContain(schema, o => o.Name.StartsWith("pg_", StringComparison.Ordinal));
    }

    /// <summary>The runs, and every relation and role there is: a write of any kind changes one of them.</summary>
    private async Task<string> SnapshotAsync() => string.Join(" | ",
        await _db.ScalarAsync<long>(CountRuns),
        string.Join(",", await _db.ColumnAsync("SELECT id || ':' || model FROM runs ORDER BY id")),
        await _db.ScalarAsync<long>("SELECT COUNT(*) FROM pg_class"),
        await _db.ScalarAsync<long>("SELECT COUNT(*) FROM pg_roles"));

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
