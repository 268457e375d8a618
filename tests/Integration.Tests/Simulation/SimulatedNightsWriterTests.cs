using Microsoft.Data.Sqlite;
using SglangCi.Integration.Tests.Storage;
using SglangCi.Interfaces.History;
using SglangCi.Silo.Seeding;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Results;
using SglangCi.Silo.Storage.Simulation;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.Simulation;

/// <summary>
/// Simulated nights in a SQLite file: the same rows as real runs, provenance 'simulated', written again without
/// duplicates, removable; and the dashboard's rewritten trend query and cached summaries over them.
/// </summary>
public sealed class SimulatedNightsWriterTests : IDisposable
{
    private static readonly DateOnly End = new(2026, 3, 31);
    private readonly TempSqliteFile _db = new();

    private SqliteResultsDatabase Database => new(new SqliteStorageInitializer(_db.ConnectionString));

    private static NightSimulator Simulator(int days, int seed = 5) =>
        new(new SimulationOptions(End, days, ["mi30x", "mi35x"], seed), SeedCatalog.Presets());

    private const string Counts = """
        SELECT (SELECT COUNT(*) FROM runs) || '/' || (SELECT COUNT(*) FROM run_phases) || '/' || (SELECT COUNT(*) FROM gsm8k_gates)
            || '/' || (SELECT COUNT(*) FROM gsm8k_trials) || '/' || (SELECT COUNT(*) FROM benchmark_points)
        """;

    [Fact]
    public async Task Writing_again_replaces_the_same_rows_and_another_seed_replaces_their_values()
    {
        var writer = new SimulatedNightsWriter(Database);
        var report = await writer.WriteAsync(Simulator(12), null, CancellationToken.None);
        var counts = await _db.ScalarAsync<string>(Counts);
        var sum = await _db.ScalarAsync<double>("SELECT SUM(e2e_median_ms) FROM benchmark_points");

        Assert.Equal($"{report.Runs}/{report.Phases}/{report.Gates}/{report.Trials}/{report.Points}", counts);
        Assert.Equal(report.Runs, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM runs WHERE source = 'simulated' AND \"trigger\" = 'simulated'"));

        await writer.WriteAsync(Simulator(12), null, CancellationToken.None);
        Assert.Equal(counts, await _db.ScalarAsync<string>(Counts));
        Assert.Equal(sum, await _db.ScalarAsync<double>("SELECT SUM(e2e_median_ms) FROM benchmark_points"));

        // Another seed: same nights and series, so the same run ids; their rows are replaced, not added to.
        await writer.WriteAsync(Simulator(12, seed: 6), null, CancellationToken.None);
        Assert.NotEqual(sum, await _db.ScalarAsync<double>("SELECT SUM(e2e_median_ms) FROM benchmark_points"));
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM benchmark_points p LEFT JOIN runs r ON r.id = p.run_id WHERE r.status IS NOT 'succeeded' AND r.status IS NOT 'failed'"));
        Assert.True(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM runs") <= report.Runs + (report.Runs / 10));
    }

    [Fact]
    public async Task Delete_removes_the_simulated_runs_and_nothing_else()
    {
        await new SqliteStorageInitializer(_db.ConnectionString).EnsureInitializedAsync(CancellationToken.None);
        await _db.ExecuteAsync("INSERT INTO runs (id, preset, preset_version, model, node, host, hardware, mode, status, phase, \"trigger\", created_at) VALUES ('ours', 'p', 1, 'm', 'n', 'h', 'mi30x', 'online', 'succeeded', 'done', 'manual', '2026-01-01T00:00:00.0000000Z')");
        var writer = new SimulatedNightsWriter(Database);
        var report = await writer.WriteAsync(Simulator(3), null, CancellationToken.None);

        Assert.Equal(report.Runs, await writer.DeleteAllAsync(CancellationToken.None));

        Assert.Equal("1/0/0/0/0", await _db.ScalarAsync<string>(Counts));
        Assert.Equal("ours", await _db.ScalarAsync<string>("SELECT id FROM runs"));
    }

    [Fact]
    public async Task The_trend_query_picks_exactly_what_the_night_points_view_picks()
    {
        await new SimulatedNightsWriter(Database).WriteAsync(Simulator(40), null, CancellationToken.None);
        // A rerun of one night on another host and a summary-only night, so the picks have something to choose between.
        await _db.ExecuteAsync("""
            INSERT INTO runs (id, preset, preset_version, model, node, host, hardware, mode, image_date, status, phase, "trigger", started_at, created_at, source)
            SELECT 'rerun', preset, preset_version, model, node, host, hardware, mode, image_date, status, phase, "trigger",
                   '2026-12-31T00:00:00.0000000Z', created_at, 'simulated'
            FROM runs WHERE id = 'sim-20260330-mi30x-grok1-int4-online';
            INSERT INTO benchmark_points SELECT 'rerun', load_kind, load, repetition, completed, failed, duration_s, request_throughput, input_token_throughput,
                   output_token_throughput, total_token_throughput, concurrency, ttft_mean_ms, ttft_median_ms, ttft_p90_ms, ttft_p95_ms, ttft_p99_ms,
                   ttft_std_ms, ttft_max_ms, itl_mean_ms, itl_median_ms, itl_p90_ms, itl_p95_ms, itl_p99_ms, itl_std_ms, itl_max_ms, tpot_mean_ms,
                   tpot_median_ms, tpot_p90_ms, tpot_p95_ms, tpot_p99_ms, tpot_std_ms, tpot_max_ms, e2e_mean_ms, e2e_median_ms * 2, e2e_p90_ms,
                   e2e_p95_ms, e2e_p99_ms, e2e_std_ms, e2e_max_ms, goodput, failure_reasons, source_path, source_line, run_completed, block_values
            FROM benchmark_points WHERE run_id = 'sim-20260330-mi30x-grok1-int4-online';
            INSERT INTO summary_points (run_id, origin, load_kind, load, e2e_median_ms, ttft_median_ms, itl_median_ms, source_path, source_line)
            SELECT id, 'csv', 'rate', 1, 1000, 100, 10, 'x.csv', 2 FROM runs WHERE id = 'sim-20260329-mi30x-grok1-int4-online';
            """);
        var queries = new RelationalHistoryQueries(Database);

        foreach (var series in (await queries.SeriesAsync(CancellationToken.None)).DistinctBy(s => (s.Hardware, s.Model, s.Mode)))
        {
            var trend = await queries.TrendAsync(new TrendQuery(series.Hardware, series.Model, series.Mode), CancellationToken.None);
            var view = await ViewAsync(series.Hardware, series.Model, series.Mode);
            Assert.Equal(view, trend.Select(p => $"{p.Host} {p.ImageDate:yyyy-MM-dd} {p.LoadKind} {p.Load} {p.Origin} {p.RunId} {p.E2eMedianMs} {p.TpotMedianMs}"));
        }
    }

    [Fact]
    public async Task Cached_summaries_are_read_again_once_another_connection_changes_the_tables()
    {
        var queries = new RelationalHistoryQueries(Database);
        var hardware = new RelationalHardwareQueries(Database);
        await new SimulatedNightsWriter(Database).WriteAsync(Simulator(2), null, CancellationToken.None);
        var series = await queries.SeriesAsync(CancellationToken.None);
        var days = await hardware.DaysAsync(null, null, null, CancellationToken.None);
        Assert.Same(series, await queries.SeriesAsync(CancellationToken.None));
        Assert.Same(days, await hardware.DaysAsync(null, null, null, CancellationToken.None));

        await new SimulatedNightsWriter(Database).WriteAsync(Simulator(4), null, CancellationToken.None);

        var after = await queries.SeriesAsync(CancellationToken.None);
        Assert.NotSame(series, after);
        Assert.True(after.Sum(s => s.Nights) > series.Sum(s => s.Nights));
        Assert.True((await hardware.DaysAsync(null, null, null, CancellationToken.None)).Count > days.Count);
        await queries.DisposeAsync();
        await hardware.DisposeAsync();
    }

    private async Task<List<string>> ViewAsync(string hardware, string model, string mode)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.CommandText = """
            SELECT host, image_date, load_kind, load, origin, run_id, e2e_median_ms, tpot_median_ms FROM night_points
            WHERE hardware = @hardware AND model = @model AND mode = @mode ORDER BY image_date, host, load_kind, load
            """;
        command.Parameters.AddWithValue("@hardware", hardware);
        command.Parameters.AddWithValue("@model", model);
        command.Parameters.AddWithValue("@mode", mode);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var kind = ResultsWireNames.ParseLoadKind(reader.GetString(2));
            rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {kind} {reader.GetDouble(3)} {reader.GetString(4)} {reader.GetString(5)} {reader.GetDouble(6)} {(reader.IsDBNull(7) ? "" : reader.GetDouble(7))}");
        }

        return rows;
    }

    public void Dispose() => _db.Dispose();
}
