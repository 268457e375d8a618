using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Integration.Tests.Storage;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.History;

/// <summary>
/// Imports of a growing copy of a part of the seed tree: a newer tree adds only what is new; a malformed file is
/// reported with file and line and nothing of its unit is stored, while the rest imports; a fixed file imports on the
/// next run; secrets in imported text never reach the database.
/// </summary>
public sealed class IncrementalImportTests : IDisposable
{
    private const string GrokFolders = "online_benchmark_log/mi30x/GROK1";
    private readonly string _seed = Path.Combine(RepositoryLayout.Discover().SharedDirectory, "seed-history");
    private readonly string _tree = Path.Combine(Path.GetTempPath(), "sglci-tree-" + Guid.NewGuid().ToString("N"));
    private readonly TempSqliteFile _db = new();
    private readonly SeedLogImporter _importer;

    public IncrementalImportTests()
    {
        _importer = new SeedLogImporter(new SqliteResultsDatabase(new SqliteStorageInitializer(_db.ConnectionString)));
    }

    [Fact]
    public async Task A_newer_tree_adds_only_its_new_units()
    {
        var folders = Directory.GetDirectories(Path.Combine(_seed, GrokFolders)).Order(StringComparer.Ordinal).TakeLast(4).ToList();
        foreach (var folder in folders.Take(2))
        {
            Copy(folder);
        }

        var first = await _importer.ImportAsync(_tree, force: false, null, CancellationToken.None);
        var runsAfterFirst = await _db.ScalarAsync<long>("SELECT COUNT(*) FROM runs");
        foreach (var folder in folders.Skip(2).Take(2))
        {
            Copy(folder);
        }

        var second = await _importer.ImportAsync(_tree, force: false, null, CancellationToken.None);
        var forced = await _importer.ImportAsync(_tree, force: true, null, CancellationToken.None);

        Assert.Equal((2, 0), (first.Imported, first.Unchanged));
        Assert.Equal((2, 2), (second.Imported, second.Unchanged));
        Assert.True(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM runs") > runsAfterFirst);
        var runsAfterSecond = await _db.ScalarAsync<long>("SELECT COUNT(*) FROM runs");
        var pointsAfterSecond = await _db.ScalarAsync<long>("SELECT COUNT(*) FROM benchmark_points");

        // Reading everything again (--force) upserts the same rows: nothing is duplicated.
        Assert.Equal(4, forced.Imported);
        Assert.Equal(runsAfterSecond, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM runs"));
        Assert.Equal(pointsAfterSecond, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM benchmark_points"));
    }

    [Fact]
    public async Task A_malformed_file_rejects_its_unit_with_file_and_line_and_a_fixed_file_imports_next_time()
    {
        var folder = Directory.GetDirectories(Path.Combine(_seed, GrokFolders)).Where(d => d.EndsWith("-20251206_GROK1_MOE-I4F8_online", StringComparison.Ordinal)).Single();
        var copy = Copy(folder);
        var csv = Directory.GetFiles(copy, "*.csv").Single();
        var original = await File.ReadAllTextAsync(csv);
        await File.WriteAllTextAsync(csv, original.Replace("20839.75", "20839.75ms", StringComparison.Ordinal));
        Copy(Path.Combine(_seed, "upstream_ci", "ci_report", "sglang_ci_report_20251209.csv"));

        var report = await _importer.ImportAsync(_tree, force: false, null, CancellationToken.None);

        var rejection = Assert.Single(report.Issues, i => i.Rejected);
        Assert.EndsWith(".csv", rejection.Path, StringComparison.Ordinal);
        Assert.Equal(5, rejection.Line);
        Assert.Contains("20839.75ms", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal((1, 1), (report.Imported, report.Rejected));
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM runs"));
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM benchmark_points"));
        Assert.Equal(1, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM coverage_reports"));

        await File.WriteAllTextAsync(csv, original);
        var fixedReport = await _importer.ImportAsync(_tree, force: false, null, CancellationToken.None);

        Assert.Equal((1, 1, 0), (fixedReport.Imported, fixedReport.Unchanged, fixedReport.Rejected));
        Assert.Equal(2, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM runs"));
    }

    [Fact]
    public async Task New_variants_import_where_their_meaning_is_clear_and_are_reported_where_not()
    {
        var folder = Directory.GetDirectories(Path.Combine(_seed, GrokFolders)).Single(d => d.EndsWith("-20251206_GROK1_MOE-I4F8_online", StringComparison.Ordinal));
        var renamed = Copy(folder).Replace("_online", "_online_fp4_kv_cache", StringComparison.Ordinal);
        Directory.Move(Path.Combine(_tree, Path.GetRelativePath(_seed, folder)), renamed);
        var csv = Directory.GetFiles(renamed, "*.csv").Single();
        await File.AppendAllTextAsync(csv, "\nMedian E2E Latency (ms, lower better)\nrequest rate\t1\nH100-triton, some-nvidia-host\t9999.99\n");
        var job = Path.Combine(_tree, "cron_log", "mi30x", "20251206", "brand_new_job.log");
        Directory.CreateDirectory(Path.GetDirectoryName(job)!);
        await File.WriteAllTextAsync(job, "[nightly] something new\n");

        var report = await _importer.ImportAsync(_tree, force: false, null, CancellationToken.None);

        Assert.Equal(0, report.Rejected);
        Assert.Equal(2, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM runs WHERE mode = 'online_fp4_kv_cache' AND model = 'GROK1'"));
        Assert.Contains(report.Issues, i => i.Path.EndsWith("brand_new_job.log", StringComparison.Ordinal) && i.Reason.Contains("does not know", StringComparison.Ordinal));
        Assert.Contains(report.Issues, i => i.Reason.Contains("some-nvidia-host", StringComparison.Ordinal));
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM summary_points WHERE e2e_median_ms = 9999.99"));
        Assert.Equal(4, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM summary_points WHERE origin = 'csv'"));
    }

    [Fact]
    public async Task A_webhook_secret_in_a_log_never_reaches_the_database()
    {
        const string Secret = "Zq8SECRETsignature0000";
        var log = Path.Combine(_seed, "test", "unit-test-backend-8-gpu-CAR-amd", "mi35x", "v0.5.6.post1-rocm700-mi35x-20251209.log");
        var copy = Copy(log);
        var text = await File.ReadAllTextAsync(copy);
        var command = text.Split('\n').First(l => l.StartsWith("Command:", StringComparison.Ordinal));
        await File.WriteAllTextAsync(copy, text.Replace(command, command + $" --teams-webhook-url=https://prod-01.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig={Secret}", StringComparison.Ordinal));

        var report = await _importer.ImportAsync(_tree, force: false, null, CancellationToken.None);

        Assert.Equal(1, report.Imported);
        var stored = await _db.ScalarAsync<string>("SELECT command FROM unit_tests");
        Assert.NotNull(stored);
        Assert.DoesNotContain(Secret, stored, StringComparison.Ordinal);
        Assert.Contains("<redacted>", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_that_is_not_the_old_tree_is_refused_with_what_it_lacks()
    {
        Directory.CreateDirectory(Path.Combine(_tree, "photos"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => _importer.ImportAsync(_tree, force: false, null, CancellationToken.None));

        Assert.Contains("online_benchmark_log/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_the_old_database_is_refused_before_anything_is_written()
    {
        var bogus = Path.Combine(_db.Directory, "not-the-seed.db");
        Directory.CreateDirectory(_db.Directory);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={bogus}"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE test_runs (id INTEGER PRIMARY KEY, run_date TEXT);";
            await create.ExecuteNonQueryAsync();
        }

        var importer = new SeedDatabaseImporter(new SqliteResultsDatabase(new SqliteStorageInitializer(_db.ConnectionString)));
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => importer.ImportAsync(bogus, null, CancellationToken.None));

        Assert.Contains("test_runs", error.Message, StringComparison.Ordinal);
        Assert.Contains("hardware", error.Message, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Copies a folder or file of the seed tree into the test tree at the same relative path.</summary>
    private string Copy(string source)
    {
        var target = Path.Combine(_tree, Path.GetRelativePath(_seed, source));
        if (File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
            return target;
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            Copy(file);
        }

        return target;
    }

    public void Dispose()
    {
        _db.Dispose();
        try
        {
            Directory.Delete(_tree, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
