using SglangCi.Silo.Storage.Migrations;

namespace SglangCi.Integration.Tests.Storage;

public sealed class MigrationRunnerTests : IDisposable
{
    private readonly TempSqliteFile _db = new();

    public void Dispose() => _db.Dispose();

    private static MigrationRunner Runner() => new(SqliteMigrationDialect.Instance);

    [Fact]
    public void Embedded_sqlite_migrations_are_found_in_order()
    {
        var migrations = EmbeddedMigrationSource.Instance.Load("sqlite");

        Assert.True(migrations.Count >= 2);
        Assert.Equal(migrations.Select(m => m.Version).Order(), migrations.Select(m => m.Version));
        Assert.Equal("orleans", migrations[0].Name);
        Assert.Equal("results", migrations[1].Name);
    }

    [Fact]
    public async Task First_run_applies_everything_and_second_run_applies_nothing()
    {
        System.IO.Directory.CreateDirectory(_db.Directory);
        var all = EmbeddedMigrationSource.Instance.Load("sqlite");

        var first = await Runner().RunAsync(_db.ConnectionString);
        var second = await Runner().RunAsync(_db.ConnectionString);

        Assert.Equal(all.Select(m => m.Version), first.Select(m => m.Version));
        Assert.Empty(second);
        Assert.Equal(all.Count, await _db.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(all[^1].Checksum, await _db.ScalarAsync<string>($"SELECT checksum FROM schema_migrations WHERE version = {all[^1].Version}"));
        Assert.Equal("wal", await _db.ScalarAsync<string>("PRAGMA journal_mode"));
        foreach (var table in new[] { "OrleansQuery", "OrleansStorage", "OrleansRemindersTable", "runs", "run_phases", "gsm8k_gates", "gsm8k_trials", "benchmark_points" })
        {
            Assert.Equal(1L, await _db.ScalarAsync<long>($"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"));
        }
    }

    [Fact]
    public async Task Every_query_key_the_providers_look_up_is_registered()
    {
        System.IO.Directory.CreateDirectory(_db.Directory);
        await Runner().RunAsync(_db.ConnectionString);

        string[] keys =
        [
            "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
            "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
            "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];
        foreach (var key in keys)
        {
            Assert.Equal(1L, await _db.ScalarAsync<long>($"SELECT count(*) FROM OrleansQuery WHERE QueryKey = '{key}'"));
        }
    }

    [Fact]
    public async Task A_changed_applied_migration_stops_startup_with_a_clear_error()
    {
        System.IO.Directory.CreateDirectory(_db.Directory);
        await Runner().RunAsync(_db.ConnectionString);
        await _db.ExecuteAsync("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 2");

        var error = await Assert.ThrowsAsync<MigrationChecksumMismatchException>(() => Runner().RunAsync(_db.ConnectionString));

        Assert.Contains("0002_results", error.Message);
        Assert.Contains("changed after it was applied", error.Message);
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_and_not_recorded()
    {
        System.IO.Directory.CreateDirectory(_db.Directory);
        var source = new ListSource(
            new Migration(1, "good", "CREATE TABLE a (x INTEGER);", MigrationChecksum.Compute("CREATE TABLE a (x INTEGER);")),
            new Migration(2, "bad", "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);", "c2"));
        var runner = new MigrationRunner(SqliteMigrationDialect.Instance, source);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(_db.ConnectionString));

        Assert.Contains("0002_bad", error.Message);
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM sqlite_master WHERE name = 'b'"));
    }

    [Fact]
    public async Task A_database_from_a_newer_build_is_refused()
    {
        System.IO.Directory.CreateDirectory(_db.Directory);
        await Runner().RunAsync(_db.ConnectionString);
        await _db.ExecuteAsync("INSERT INTO schema_migrations VALUES (9999, 'future', '2030-01-01T00:00:00Z', 'x')");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Runner().RunAsync(_db.ConnectionString));

        Assert.Contains("9999_future", error.Message);
    }

    [Fact]
    public void Checksums_ignore_line_endings()
    {
        Assert.Equal(MigrationChecksum.Compute("a;\nb;\n"), MigrationChecksum.Compute("a;\r\nb;\r\n"));
        Assert.NotEqual(MigrationChecksum.Compute("a;\n"), MigrationChecksum.Compute("b;\n"));
    }

    private sealed class ListSource(params Migration[] migrations) : IMigrationSource
    {
        public IReadOnlyList<Migration> Load(string dialectName) => migrations;
    }
}
