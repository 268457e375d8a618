using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Storage.Results;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.Storage;

public sealed class SqliteResultsStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 1, 2, 3, 456, TimeSpan.Zero);

    private static readonly DateTimeOffset CreatedAt = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly TempSqliteFile _db = new();
    private readonly SqliteResultsStore _store;

    public SqliteResultsStoreTests()
    {
        _store = new SqliteResultsStore(new SqliteStorageInitializer(_db.ConnectionString), new FixedTime(CreatedAt));
    }

    public void Dispose() => _db.Dispose();

    private static RunSummary Run(string id, string preset = "grok1-int4", string node = "sim-node-1", string hardware = "mi35x",
        DateOnly? imageDate = null, DateTimeOffset? startedAt = null) => new(
        Id: id, Preset: preset, PresetVersion: 3, Model: "GROK1", Node: node, Host: "host-a", Hardware: hardware,
        Mode: "online", Image: imageDate is null ? null : "rocm/sgl-dev:v0.5-20260314", ImageDate: imageDate,
        Status: RunStatus.Succeeded, Reason: null, StartedAt: startedAt, FinishedAt: startedAt?.AddMinutes(42),
        Phase: RunPhase.Done, Trigger: "schedule:mi35x-nightly");

    private static BenchmarkPointResult Point(double load, int repetition, double throughput, LatencyStats? ttft = null) => new(
        LoadKind.Concurrency, load, repetition, Completed: 100, Failed: 1, DurationSeconds: 12.5, RequestThroughput: 8.1,
        InputTokenThroughput: 1000.25, OutputTokenThroughput: throughput, TotalTokenThroughput: 1000.25 + throughput,
        Concurrency: load == 1 ? null : load * 0.97,
        Ttft: ttft ?? new LatencyStats(10.5, 9.75, 20, 25, 30.125, 3.5, 41),
        Itl: new LatencyStats(1.1, 1.0, 1.5, null, 2.2, null, 5.5),
        Tpot: LatencyStats.Empty,
        E2e: new LatencyStats(1000, 990, 1200, 1300, 1400, 50, 1500));

    [Fact]
    public async Task A_run_with_phases_gate_and_points_reads_back_equal_and_nulls_stay_null()
    {
        var run = Run("r1", imageDate: new DateOnly(2026, 3, 14), startedAt: T0);
        PhaseRecord[] phases =
        [
            new(RunPhase.Queued, T0, T0.AddSeconds(1), PhaseStatus.Succeeded),
            new(RunPhase.ServerUp, T0.AddSeconds(2), T0.AddSeconds(90), PhaseStatus.Succeeded),
            new(RunPhase.Gsm8kGate, T0.AddSeconds(91), null, PhaseStatus.Running),
        ];
        var gate = new Gsm8kGateResult(0.9, 0.93, null, true, "early_exit",
            [new Gsm8kTrialResult(1, 0.93, 0.001, 40.5, null, 1319), new Gsm8kTrialResult(2, 0.92, 0.0, 39.0, 1200.5, 1319)]);
        BenchmarkPointResult[] points = [Point(1, 0, 500), Point(16, 0, 4000), Point(16, 1, 4100)];

        await _store.SaveRunAsync(run, phases, CancellationToken.None);
        await _store.SaveGsm8kAsync("r1", gate, CancellationToken.None);
        await _store.SaveBenchmarkPointsAsync("r1", points, CancellationToken.None);
        var details = await _store.GetRunAsync("r1", CancellationToken.None);

        Assert.NotNull(details);
        Assert.Equal(run, details.Run);
        Assert.Equal(phases, details.Phases);
        Assert.NotNull(details.Gsm8k);
        Assert.Equal(gate with { Trials = [] }, details.Gsm8k with { Trials = [] });
        Assert.Equal(gate.Trials, details.Gsm8k.Trials);
        Assert.Equal(points, details.Points);
        Assert.Null(details.Points[0].Concurrency);
        Assert.Null(details.Points[0].Itl.P95);
        Assert.Equal(LatencyStats.Empty, details.Points[0].Tpot);
        Assert.Equal(3L, await _db.ScalarAsync<long>(
            "SELECT count(*) FROM benchmark_points WHERE tpot_mean_ms IS NULL AND tpot_median_ms IS NULL AND tpot_p90_ms IS NULL " +
            "AND tpot_p95_ms IS NULL AND tpot_p99_ms IS NULL AND tpot_std_ms IS NULL AND tpot_max_ms IS NULL"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM benchmark_points WHERE tpot_mean_ms = 0"));
        Assert.Equal("2026-03-14T01:02:03.4560000Z", await _db.ScalarAsync<string>("SELECT started_at FROM runs WHERE id = 'r1'"));
        Assert.Equal("2026-03-14", await _db.ScalarAsync<string>("SELECT image_date FROM runs WHERE id = 'r1'"));
        Assert.Equal("gsm8k_gate", await _db.ScalarAsync<string>("SELECT phase FROM run_phases WHERE run_id = 'r1' AND status = 'running'"));
    }

    [Fact]
    public async Task Goodput_and_failure_reasons_round_trip_and_absent_ones_stay_null()
    {
        await _store.SaveRunAsync(Run("r-fail", startedAt: T0), [], CancellationToken.None);
        var failing = Point(4, 0, 300) with
        {
            Goodput = 6.25,
            FailureReasons = [new FailureReason("HTTP 500: Internal Server Error (\"injected\")", 7), new FailureReason("timeout after 30 s", 2)],
        };
        var clean = Point(8, 0, 600);

        await _store.SaveBenchmarkPointsAsync("r-fail", [failing, clean], CancellationToken.None);
        var points = (await _store.GetRunAsync("r-fail", CancellationToken.None))!.Points.OrderBy(p => p.Load).ToList();

        Assert.Equal(failing with { FailureReasons = [] }, points[0] with { FailureReasons = [] });
        Assert.Equal(failing.FailureReasons, points[0].FailureReasons);
        Assert.Equal(6.25, points[0].Goodput);
        Assert.Equal(clean, points[1]);
        Assert.Null(points[1].Goodput);
        Assert.Empty(points[1].FailureReasons);
        Assert.Equal(
            """[{"reason":"HTTP 500: Internal Server Error (\u0022injected\u0022)","count":7},{"reason":"timeout after 30 s","count":2}]""",
            await _db.ScalarAsync<string>("SELECT failure_reasons FROM benchmark_points WHERE run_id = 'r-fail' AND load = 4"));
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM benchmark_points WHERE run_id = 'r-fail' AND goodput IS NULL AND failure_reasons IS NULL"));
    }

    [Fact]
    public async Task Saving_again_replaces_instead_of_duplicating()
    {
        var run = Run("r2", startedAt: T0);
        await _store.SaveRunAsync(run with { Status = RunStatus.Running, Phase = RunPhase.Benchmark },
            [new PhaseRecord(RunPhase.Queued, T0, null, PhaseStatus.Running), new PhaseRecord(RunPhase.Leased, T0, null, PhaseStatus.Running)], CancellationToken.None);
        var createdAt = await _db.ScalarAsync<string>("SELECT created_at FROM runs WHERE id = 'r2'");
        await _store.SaveRunAsync(run, [new PhaseRecord(RunPhase.Queued, T0, T0.AddSeconds(5), PhaseStatus.Succeeded)], CancellationToken.None);

        await _store.SaveBenchmarkPointsAsync("r2", [Point(4, 0, 100)], CancellationToken.None);
        await _store.SaveBenchmarkPointsAsync("r2", [Point(4, 0, 100)], CancellationToken.None);
        await _store.SaveBenchmarkPointsAsync("r2", [Point(4, 0, 250)], CancellationToken.None);

        var gate = new Gsm8kGateResult(0.9, 0.95, 0, true, "mean", [new Gsm8kTrialResult(1, 0.95, 0, 10, 5, 200)]);
        await _store.SaveGsm8kAsync("r2", gate with { Passed = false, Trials = [new Gsm8kTrialResult(1, 0.1, 0, 1, 1, 1), new Gsm8kTrialResult(2, 0.1, 0, 1, 1, 1)] }, CancellationToken.None);
        await _store.SaveGsm8kAsync("r2", gate, CancellationToken.None);

        var details = await _store.GetRunAsync("r2", CancellationToken.None);
        Assert.NotNull(details);
        Assert.Equal(run, details.Run);
        Assert.Single(details.Phases);
        Assert.Equal(250, Assert.Single(details.Points).OutputTokenThroughput);
        Assert.True(details.Gsm8k!.Passed);
        Assert.Single(details.Gsm8k.Trials);
        Assert.Equal(createdAt, await _db.ScalarAsync<string>("SELECT created_at FROM runs WHERE id = 'r2'"));
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM runs"));
    }

    [Fact]
    public async Task Unknown_run_reads_as_null_and_a_run_without_results_has_empty_lists()
    {
        Assert.Null(await _store.GetRunAsync("nope", CancellationToken.None));

        await _store.SaveRunAsync(Run("bare") with { Status = RunStatus.Queued, Phase = RunPhase.Queued }, [], CancellationToken.None);
        var details = await _store.GetRunAsync("bare", CancellationToken.None);

        Assert.NotNull(details);
        Assert.Null(details.Run.StartedAt);
        Assert.Null(details.Run.ImageDate);
        Assert.Null(details.Gsm8k);
        Assert.Empty(details.Phases);
        Assert.Empty(details.Points);
    }

    [Fact]
    public async Task Query_filters_by_image_date_else_start_date_and_by_exact_keys_newest_first()
    {
        await _store.SaveRunAsync(Run("a", imageDate: new DateOnly(2026, 3, 1), startedAt: new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero)), [], CancellationToken.None);
        await _store.SaveRunAsync(Run("b", startedAt: new DateTimeOffset(2026, 3, 2, 23, 59, 0, TimeSpan.Zero), hardware: "mi30x"), [], CancellationToken.None);
        await _store.SaveRunAsync(Run("c", startedAt: new DateTimeOffset(2026, 3, 3, 0, 0, 1, TimeSpan.Zero), node: "mi35x-m12-33", preset: "dsv3"), [], CancellationToken.None);
        await _store.SaveRunAsync(Run("d"), [], CancellationToken.None);

        async Task<string[]> Ids(RunQuery q) => (await _store.QueryRunsAsync(q, CancellationToken.None)).Select(r => r.Id).ToArray();

        // "d" never started: it sorts by when it was recorded (the 10th).
        Assert.Equal(["d", "a", "c"], await Ids(new RunQuery(null, null, null, null, null) with { Limit = 3 }));
        Assert.Equal(4, (await Ids(new RunQuery(null, null, null, null, null))).Length);
        // "a" started on the 5th but stands for the image of the 1st.
        Assert.Equal(["a"], await Ids(new RunQuery(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1), null, null, null)));
        Assert.Equal(["c", "b"], await Ids(new RunQuery(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 5), null, null, null)));
        Assert.Equal(["c"], await Ids(new RunQuery(new DateOnly(2026, 3, 3), null, null, null, null)));
        Assert.Equal(["b"], await Ids(new RunQuery(null, null, "mi30x", null, null)));
        Assert.Equal(["c"], await Ids(new RunQuery(null, null, null, "mi35x-m12-33", null)));
        Assert.Equal(["c"], await Ids(new RunQuery(null, null, "mi35x", null, "dsv3")));
        Assert.Empty(await Ids(new RunQuery(null, null, "MI35X", null, null)));
        Assert.Empty(await Ids(new RunQuery(null, null, null, null, null, Limit: 0)));
    }

    [Fact]
    public async Task Works_without_a_silo_through_the_service_collection()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        SglangCi.Silo.Hosting.StorageHostingExtensions.AddSqliteResultsStore(services, _db.ConnectionString);
        await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SglangCi.Grains.Storage.IResultsStore>(provider);

        await store.SaveRunAsync(Run("cli"), [], CancellationToken.None);

        Assert.Equal("cli", Assert.Single(await store.QueryRunsAsync(new RunQuery(null, null, null, null, null), CancellationToken.None)).Id);
        Assert.True(File.Exists(_db.Path));
    }


    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
