using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Storage.Results;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.Storage;

/// <summary>The offline_results table (migration 0003): round trip, NA cases as NULL, upsert by case.</summary>
public sealed class OfflineResultsStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 1, 2, 3, TimeSpan.Zero);

    private readonly TempSqliteFile _db = new();
    private readonly SqliteResultsStore _store;

    public OfflineResultsStoreTests()
    {
        _store = new SqliteResultsStore(new SqliteStorageInitializer(_db.ConnectionString));
    }

    public void Dispose() => _db.Dispose();

    private static RunSummary Run(string id) => new(
        Id: id, Preset: "grok1-int4", PresetVersion: 1, Model: "GROK1", Node: "sim-node-1", Host: "host-a", Hardware: "mi30x",
        Mode: "offline", Image: null, ImageDate: new DateOnly(2026, 3, 14), Status: RunStatus.Succeeded, Reason: null,
        StartedAt: T0, FinishedAt: T0.AddMinutes(5), Phase: RunPhase.Done, Trigger: "cli");

    [Fact]
    public async Task Offline_cases_read_back_equal_in_case_order_and_a_case_without_numbers_stays_null()
    {
        OfflineResult[] cases =
        [
            new(8, 1024, 128, 0.16584, 49398.12, 0.0044, 1818.18, 0.725, 12711.72),
            new(1, 1024, 128, 0.02248, 45551.6, 0.00405, 246.91, 0.537, 2145.25),
            OfflineResult.Empty(256, 1024, 128),
            new(1, 8192, 10, 0.1658, 49408.9, null, null, 0.2, 41010.0),
        ];
        await _store.SaveRunAsync(Run("off1"), [new(RunPhase.Gsm8kGate, T0, T0, PhaseStatus.Skipped)], CancellationToken.None);
        await _store.SaveOfflineResultsAsync("off1", cases, CancellationToken.None);

        var details = (await _store.GetRunAsync("off1", CancellationToken.None))!;

        Assert.Equal([cases[1], cases[0], cases[2], cases[3]], details.Offline);
        Assert.Empty(details.Points);
        Assert.Equal(PhaseStatus.Skipped, Assert.Single(details.Phases).Status);
        Assert.Equal(1L, await _db.ScalarAsync<long>(
            "SELECT count(*) FROM offline_results WHERE batch_size = 256 AND prefill_latency_s IS NULL AND prefill_throughput IS NULL " +
            "AND decode_median_latency_s IS NULL AND decode_median_throughput IS NULL AND total_latency_s IS NULL AND total_throughput IS NULL"));
    }

    [Fact]
    public async Task Saving_a_case_again_replaces_it_and_online_runs_read_an_empty_list()
    {
        await _store.SaveRunAsync(Run("off2"), [], CancellationToken.None);
        await _store.SaveOfflineResultsAsync("off2", [OfflineResult.Empty(32, 128, 32)], CancellationToken.None);
        var again = new OfflineResult(32, 128, 32, 0.1, 40960, 0.02, 1600, 0.72, 11377.78);
        await _store.SaveOfflineResultsAsync("off2", [again], CancellationToken.None);
        await _store.SaveOfflineResultsAsync("off2", [again with { PrefillThroughput = double.NaN }], CancellationToken.None);

        var details = (await _store.GetRunAsync("off2", CancellationToken.None))!;
        Assert.Equal([again with { PrefillThroughput = null }], details.Offline);
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM offline_results WHERE run_id = 'off2'"));

        await _store.SaveRunAsync(Run("online") with { Mode = "online" }, [], CancellationToken.None);
        Assert.Empty((await _store.GetRunAsync("online", CancellationToken.None))!.Offline);
    }
}
