using System.Text.Json;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Integration.Tests.Storage;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.Cli;

/// <summary>
/// <c>sglang-ci import … --db</c> and <c>sglang-ci sql … --db</c> in this process: the report as JSON, queries as JSON,
/// and a write refused by the read-only connection whatever the statement says.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ImportAndSqlCommandTests : IDisposable
{
    private readonly string _seed = Path.Combine(RepositoryLayout.Discover().SharedDirectory, "seed-history");
    private readonly TempSqliteFile _db = new();

    [Fact]
    public async Task Import_then_query_the_runs_it_stored()
    {
        var coverage = await InProcessCli.RunAsync("import", "seed-logs", Path.Combine(_seed, "upstream_ci", ".."), "--db", _db.Path, "--json");
        Assert.True(coverage.ExitCode == 0, coverage.ToString());
        using var report = JsonDocument.Parse(coverage.StandardOutput);
        Assert.Equal(1755, report.RootElement.GetProperty("kinds").EnumerateObject().Sum(k => k.Value.GetProperty("imported").GetInt32()));

        var query = await InProcessCli.RunAsync("sql", "SELECT model, COUNT(*) AS runs FROM runs WHERE hardware = 'mi30x' GROUP BY model ORDER BY model", "--db", _db.Path, "--json");
        Assert.True(query.ExitCode == 0, query.ToString());
        using var rows = JsonDocument.Parse(query.StandardOutput);
        var models = rows.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("model").GetString()).ToList();
        Assert.Equal(["DeepSeek-R1-MXFP4-Preview", "DeepSeek-V3-0324", "GROK1", "GROK2"], models);
        Assert.All(rows.RootElement.GetProperty("rows").EnumerateArray(), r => Assert.Equal(JsonValueKind.Number, r.GetProperty("runs").ValueKind));

        var again = await InProcessCli.RunAsync("import", "seed-logs", _seed, "--db", _db.Path);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("1,755", again.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("0 rows written", again.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DELETE FROM runs")]
    [InlineData("DROP TABLE runs")]
    [InlineData("CREATE TEMP TABLE t (x)")]
    [InlineData("PRAGMA query_only = OFF; DELETE FROM runs")]
    public async Task A_write_is_refused_by_the_database(string sql)
    {
        await new SqliteStorageInitializer(_db.ConnectionString).EnsureInitializedAsync(CancellationToken.None);
        await _db.ExecuteAsync("INSERT INTO runs (id, preset, preset_version, model, node, host, hardware, mode, status, phase, \"trigger\", created_at) VALUES ('r1', 'p', 1, 'm', 'n', 'h', 'sim', 'online', 'succeeded', 'done', 'manual', '2026-01-01T00:00:00.0000000Z')");
        var before = await _db.ScalarAsync<long>("SELECT COUNT(*) FROM runs");

        var result = await InProcessCli.RunAsync("sql", sql, "--db", _db.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("query failed", result.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, before);
        Assert.Equal(before, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM runs"));
    }

    [Fact]
    public async Task A_missing_database_file_is_an_error_not_a_new_empty_file()
    {
        var missing = Path.Combine(_db.Directory, "nope.db");
        var result = await InProcessCli.RunAsync("sql", "SELECT 1", "--db", missing);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("nope.db", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    public void Dispose() => _db.Dispose();
}
