using Microsoft.Data.Sqlite;
using SglangCi.Interfaces.Sql;
using SglangCi.Silo.Storage.Results;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.Storage;

/// <summary>
/// The SQL explorer on a real SQLite file: reads come back as typed cells; every way of writing (to the file, to temp
/// objects, to another file through ATTACH or VACUUM INTO, or by turning the read-only settings off) is refused by the
/// connection and leaves the data as it was; a second statement is refused before anything runs, but a <c>;</c> in a
/// string or comment is no second statement; a runaway query is stopped by the time limit; the schema lists the
/// tables and views with their columns.
/// </summary>
public sealed class ReadOnlySqlExplorerTests : IAsyncLifetime
{
    private const string CountRuns = "SELECT COUNT(*) FROM runs";

    /// <summary>About a minute of SQLite work: the time limit must cut it short.</summary>
    private const string Runaway = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT COUNT(*) FROM c";

    private readonly TempSqliteFile _db = new();
    private ReadOnlySqlExplorer _explorer = null!;

    public async Task InitializeAsync()
    {
        var initializer = new SqliteStorageInitializer(_db.ConnectionString);
        await initializer.EnsureInitializedAsync(CancellationToken.None);
        foreach (var (id, model) in new[] { ("r1", "GROK1"), ("r2", "GROK1"), ("r3", "GROK2") })
        {
            await _db.ExecuteAsync(
                "INSERT INTO runs (id, preset, preset_version, model, node, host, hardware, mode, status, phase, \"trigger\", created_at) " +
                $"VALUES ('{id}', 'p', 1, '{model}', 'n', 'h', 'sim', 'online', 'succeeded', 'done', 'manual', '2026-01-01T00:00:00.0000000Z')");
        }

        _explorer = new ReadOnlySqlExplorer(new SqliteResultsDatabase(initializer));
    }

    [Fact]
    public async Task A_select_returns_typed_cells_including_created_at()
    {
        var result = await _explorer.QueryAsync(
            "SELECT id, preset_version, 1.5 AS ratio, NULL AS missing, created_at FROM runs ORDER BY id", 100, CancellationToken.None);

        Assert.Equal(["id", "preset_version", "ratio", "missing", "created_at"], result.Columns);
        Assert.Equal(3, result.Rows.Count);
        Assert.False(result.Truncated);
        var first = result.Rows[0];
        Assert.Equal(new SqlCell("r1", false), first[0]);
        Assert.Equal(new SqlCell("1", true), first[1]);
        Assert.Equal(new SqlCell("1.5", true), first[2]);
        Assert.Equal(SqlCell.Null, first[3]);
        Assert.Equal(new SqlCell("2026-01-01T00:00:00.0000000Z", false), first[4]);
    }

    [Fact]
    public async Task More_rows_than_the_cap_are_cut_and_flagged()
    {
        var result = await _explorer.QueryAsync("SELECT id FROM runs ORDER BY id", 2, CancellationToken.None);

        Assert.True(result.Truncated);
        Assert.Equal(["r1", "r2"], result.Rows.Select(r => r[0].Text));
    }

    [Theory]
    [InlineData("DELETE FROM runs", "only reads")]
    [InlineData("UPDATE runs SET model = 'x'", "only reads")]
    [InlineData("INSERT INTO runs (id, preset, preset_version, model, node, host, hardware, mode, status, phase, \"trigger\", created_at) SELECT id || 'x', preset, preset_version, model, node, host, hardware, mode, status, phase, \"trigger\", created_at FROM runs", "only reads")]
    [InlineData("CREATE TABLE t (x)", "only reads")]
    [InlineData("CREATE TEMP TABLE t (x)", "only reads")]
    [InlineData("CREATE TEMP VIEW v AS SELECT 1", "only reads")]
    [InlineData("DROP TABLE runs", "only reads")]
    [InlineData("DROP VIEW night_points", "only reads")]
    [InlineData("ALTER TABLE runs ADD COLUMN y TEXT", "only reads")]
    [InlineData("CREATE INDEX ix ON runs (model)", "only reads")]
    [InlineData("REINDEX", "only reads")]
    [InlineData("ANALYZE", "only reads")]
    [InlineData("BEGIN IMMEDIATE", "only reads")]
    [InlineData("PRAGMA writable_schema = ON", "not authorized")]
    [InlineData("PRAGMA query_only = OFF", "not authorized")]
    [InlineData("PRAGMA journal_mode = DELETE", "not authorized")]
    [InlineData("PRAGMA user_version = 7", "not authorized")]
    [InlineData("ATTACH DATABASE ':memory:' AS m", "only reads")]
    [InlineData("PRAGMA query_only = OFF; DELETE FROM runs", "one statement at a time")]
    public async Task A_write_is_refused_and_changes_nothing(string sql, string message)
    {
        var before = await Snapshot();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => _explorer.QueryAsync(sql, 100, CancellationToken.None));

        Assert.Contains(message, refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await Snapshot());
    }

    [Fact]
    public async Task Nothing_can_reach_another_file_through_attach_or_vacuum_into()
    {
        var existing = Path.Combine(_db.Directory, "other.db");
        await using (var other = new SqliteConnection($"Data Source={existing};Pooling=False"))
        {
            await other.OpenAsync();
            await using var create = other.CreateCommand();
            create.CommandText = "CREATE TABLE secrets (x); INSERT INTO secrets VALUES (1);";
            await create.ExecuteNonQueryAsync();
        }

        var created = Path.Combine(_db.Directory, "copy.db");
        var before = await Snapshot();
        foreach (var sql in new[]
        {
            $"ATTACH DATABASE '{existing}' AS x",
            $"ATTACH DATABASE '{created}' AS y",
            $"VACUUM INTO '{created}'",
            $"VACUUM main INTO '{created}'",
        })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => _explorer.QueryAsync(sql, 100, CancellationToken.None));
        }

        Assert.False(File.Exists(created), "VACUUM INTO or ATTACH created a file");
        Assert.Equal(before, await Snapshot());
    }

    [Fact]
    public async Task Without_the_authorizer_the_connection_still_cannot_write_or_attach()
    {
        await using var connection = (SqliteConnection)await new SqliteResultsDatabase(new SqliteStorageInitializer(_db.ConnectionString)).OpenReadOnlyAsync(CancellationToken.None);
        SQLitePCL.raw.sqlite3_set_authorizer(connection.Handle, (SQLitePCL.strdelegate_authorizer?)null, null);
        var copy = Path.Combine(_db.Directory, "copy.db");

        foreach (var (sql, message) in new[]
        {
            ("DELETE FROM runs", "readonly"),
            ("CREATE TEMP TABLE t (x)", "readonly"),
            ("ATTACH DATABASE ':memory:' AS m", "too many attached databases"),
            ($"VACUUM INTO '{copy}'", "too many attached databases"),
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var refused = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains(message, refused.Message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.False(File.Exists(copy));
        Assert.Equal(3, await _db.ScalarAsync<long>(CountRuns));
    }

    [Fact]
    public async Task Reading_pragmas_and_describing_tables_is_allowed()
    {
        var version = await _explorer.QueryAsync("PRAGMA query_only", 10, CancellationToken.None);
        Assert.Equal("1", version.Rows.Single()[0].Text);

        var columns = await _explorer.QueryAsync("SELECT name FROM pragma_table_info('runs') WHERE name = 'created_at'", 10, CancellationToken.None);
        Assert.Single(columns.Rows);

        var info = await _explorer.QueryAsync("PRAGMA table_info(runs)", 100, CancellationToken.None);
        Assert.Contains(info.Rows, r => r[1].Text == "created_at");
    }

    [Fact]
    public async Task A_second_statement_is_refused_before_the_first_runs()
    {
        // The first statement would run for about a minute; the refusal comes at once, so nothing ran.
        var explorer = new ReadOnlySqlExplorer(new SqliteResultsDatabase(new SqliteStorageInitializer(_db.ConnectionString)), TimeSpan.FromMinutes(5));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => explorer.QueryAsync(Runaway + "; DELETE FROM runs", 10, CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the refusal took {clock.Elapsed}");
        Assert.Contains($"second statement at character {Runaway.Length + 3}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, await _db.ScalarAsync<long>(CountRuns));
    }

    [Theory]
    [InlineData("SELECT 'a;b' AS x", "a;b")]
    [InlineData("SELECT \"model\" AS \"m;n\" FROM runs WHERE id = 'r1'", "GROK1")]
    [InlineData("SELECT [model] AS [m;n] FROM runs WHERE id = 'r1'", "GROK1")]
    [InlineData("SELECT `model` AS `m;n` FROM runs WHERE id = 'r1'", "GROK1")]
    [InlineData("SELECT 'it''s; fine' -- a comment; DELETE FROM runs\n", "it's; fine")]
    [InlineData("SELECT /* ; DELETE FROM runs */ 'ok'", "ok")]
    [InlineData("SELECT 'ok';", "ok")]
    [InlineData("SELECT 'ok'; -- trailing comment\n  /* and another */ ;  ", "ok")]
    public async Task A_semicolon_in_a_literal_comment_or_at_the_end_is_not_a_second_statement(string sql, string expected)
    {
        var result = await _explorer.QueryAsync(sql, 10, CancellationToken.None);

        Assert.Equal(expected, result.Rows.Single()[0].Text);
    }

    [Theory]
    [InlineData("SELECT 1; SELECT 2", 11)]
    [InlineData("SELECT ';' ; DELETE FROM runs", 14)]
    [InlineData("SELECT 1; -- c\nDELETE FROM runs", 16)]
    [InlineData("SELECT 1;/* c */x", 17)]
    public void The_scanner_finds_where_the_second_statement_starts(string sql, int character)
    {
        Assert.Equal(character - 1, SingleStatement.SecondStatementAt(sql));
    }

    [Fact]
    public async Task A_runaway_query_is_stopped_by_the_time_limit()
    {
        var limit = TimeSpan.FromMilliseconds(300);
        var explorer = new ReadOnlySqlExplorer(new SqliteResultsDatabase(new SqliteStorageInitializer(_db.ConnectionString)), limit);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var stopped = await Assert.ThrowsAsync<ArgumentException>(() => explorer.QueryAsync(Runaway, 10, CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the query was stopped only after {clock.Elapsed}");
        Assert.Contains("ran longer than 0.3 s and was stopped", stopped.Message, StringComparison.Ordinal);

        // The explorer still answers afterwards.
        var after = await explorer.QueryAsync(CountRuns, 1, CancellationToken.None);
        Assert.Equal("3", after.Rows.Single()[0].Text);
    }

    [Fact]
    public async Task The_schema_lists_tables_and_views_with_their_columns()
    {
        var schema = await _explorer.SchemaAsync(CancellationToken.None);

        var runs = schema.Single(o => o.Name == "runs");
        Assert.Equal(SqlObjectKind.Table, runs.Kind);
        Assert.Equal(new SqlSchemaColumn("id", "TEXT", true, true), runs.Columns[0]);
        Assert.Contains(new SqlSchemaColumn("created_at", "TEXT", true, false), runs.Columns);
        Assert.Contains(runs.Columns, c => c.Name == "source");

        var points = schema.Single(o => o.Name == "benchmark_points");
        Assert.Equal(SqlObjectKind.Table, points.Kind);
        Assert.Contains(points.Columns, c => c.Name == "e2e_median_ms" && c.Type == "REAL" && !c.NotNull);

        var nights = schema.Single(o => o.Name == "night_points");
        Assert.Equal(SqlObjectKind.View, nights.Kind);
        Assert.Equal(["hardware", "host", "model", "mode", "image_date"], nights.Columns.Take(5).Select(c => c.Name));

        Assert.Equal(schema.Select(o => o.Name).Order(StringComparer.Ordinal), schema.Select(o => o.Name));
        Assert.DoesNotContain(schema, o => o.Name.StartsWith("sqlite_", StringComparison.Ordinal));
    }

    private async Task<DatabaseSnapshot> Snapshot() => new(
        await _db.ScalarAsync<long>(CountRuns),
        await _db.ScalarAsync<string>("SELECT group_concat(id || ':' || model, ',') FROM (SELECT id, model FROM runs ORDER BY id)") ?? string.Empty,
        await _db.ScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master"),
        await _db.ScalarAsync<long>("PRAGMA user_version"));

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    private sealed record DatabaseSnapshot(long Runs, string Models, long SchemaObjects, long UserVersion);
}
