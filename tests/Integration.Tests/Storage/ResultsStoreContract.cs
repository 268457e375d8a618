using SglangCi.Grains.Storage;
using SglangCi.Integration.Tests.Postgres;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Integration.Tests.Storage;

/// <summary>
/// What every results store must do, whatever its database: a run with its phases, gate, points, offline cases and
/// checks reads back equal, NULLs stay NULL (never 0), saving again replaces instead of duplicating, and the run
/// query filters by day and exact keys. Each engine's class supplies a fresh store and a way to look at the rows
/// (<c>SqliteResultsStoreTests</c>, <see cref="PostgresResultsStoreTests"/>); the SQL of the row checks is portable.
/// </summary>
public abstract class ResultsStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 14, 1, 2, 3, 456, TimeSpan.Zero);

    /// <summary>The clock the store stamps <c>created_at</c> with.</summary>
    protected static readonly DateTimeOffset CreatedAt = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    protected IResultsStore Store { get; private set; } = null!;

    /// <summary>A store over a fresh, empty database.</summary>
    protected abstract Task<IResultsStore> OpenStoreAsync(TimeProvider time);

    /// <summary>The first column of the first row of <paramref name="sql"/> on the store's database.</summary>
    protected abstract Task<T?> ScalarAsync<T>(string sql);

    /// <summary>Removes the database.</summary>
    protected abstract Task CloseAsync();

    public async Task InitializeAsync() => Store = await OpenStoreAsync(new FixedTime(CreatedAt));

    public Task DisposeAsync() => CloseAsync();

    protected static RunSummary Run(string id, string preset = "grok1-int4", string node = "sim-node-1", string hardware = "mi35x",
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

    private static RunSummary OfflineRun(string id) => Run(id, hardware: "mi30x", imageDate: new DateOnly(2026, 3, 14), startedAt: T0) with
    {
        PresetVersion = 1,
        Mode = "offline",
        Image = null,
        FinishedAt = T0.AddMinutes(5),
        Trigger = "cli",
    };

    [EngineFact]
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

        await Store.SaveRunAsync(run, phases, CancellationToken.None);
        await Store.SaveGsm8kAsync("r1", gate, CancellationToken.None);
        await Store.SaveBenchmarkPointsAsync("r1", points, CancellationToken.None);
        var details = await Store.GetRunAsync("r1", CancellationToken.None);

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
        Assert.Equal(3L, await ScalarAsync<long>(
            "SELECT count(*) FROM benchmark_points WHERE tpot_mean_ms IS NULL AND tpot_median_ms IS NULL AND tpot_p90_ms IS NULL " +
            "AND tpot_p95_ms IS NULL AND tpot_p99_ms IS NULL AND tpot_std_ms IS NULL AND tpot_max_ms IS NULL"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM benchmark_points WHERE tpot_mean_ms = 0"));
        Assert.Equal("2026-03-14T01:02:03.4560000Z", await ScalarAsync<string>("SELECT started_at FROM runs WHERE id = 'r1'"));
        Assert.Equal("2026-03-14", await ScalarAsync<string>("SELECT image_date FROM runs WHERE id = 'r1'"));
        Assert.Equal("gsm8k_gate", await ScalarAsync<string>("SELECT phase FROM run_phases WHERE run_id = 'r1' AND status = 'running'"));
    }

    [EngineFact]
    public async Task Goodput_and_failure_reasons_round_trip_and_absent_ones_stay_null()
    {
        await Store.SaveRunAsync(Run("r-fail", startedAt: T0), [], CancellationToken.None);
        var failing = Point(4, 0, 300) with
        {
            Goodput = 6.25,
            FailureReasons = [new FailureReason("HTTP 500: Internal Server Error (\"injected\")", 7), new FailureReason("timeout after 30 s", 2)],
        };
        var clean = Point(8, 0, 600);

        await Store.SaveBenchmarkPointsAsync("r-fail", [failing, clean], CancellationToken.None);
        var points = (await Store.GetRunAsync("r-fail", CancellationToken.None))!.Points.OrderBy(p => p.Load).ToList();

        Assert.Equal(failing with { FailureReasons = [] }, points[0] with { FailureReasons = [] });
        Assert.Equal(failing.FailureReasons, points[0].FailureReasons);
        Assert.Equal(6.25, points[0].Goodput);
        Assert.Equal(clean, points[1]);
        Assert.Null(points[1].Goodput);
        Assert.Empty(points[1].FailureReasons);
        Assert.Equal(
            """[{"reason":"HTTP 500: Internal Server Error (\u0022injected\u0022)","count":7},{"reason":"timeout after 30 s","count":2}]""",
            await ScalarAsync<string>("SELECT failure_reasons FROM benchmark_points WHERE run_id = 'r-fail' AND load = 4"));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM benchmark_points WHERE run_id = 'r-fail' AND goodput IS NULL AND failure_reasons IS NULL"));
    }

    [EngineFact]
    public async Task Saving_again_replaces_instead_of_duplicating()
    {
        var run = Run("r2", startedAt: T0);
        await Store.SaveRunAsync(run with { Status = RunStatus.Running, Phase = RunPhase.Benchmark },
            [new PhaseRecord(RunPhase.Queued, T0, null, PhaseStatus.Running), new PhaseRecord(RunPhase.Leased, T0, null, PhaseStatus.Running)], CancellationToken.None);
        var createdAt = await ScalarAsync<string>("SELECT created_at FROM runs WHERE id = 'r2'");
        await Store.SaveRunAsync(run, [new PhaseRecord(RunPhase.Queued, T0, T0.AddSeconds(5), PhaseStatus.Succeeded)], CancellationToken.None);

        await Store.SaveBenchmarkPointsAsync("r2", [Point(4, 0, 100)], CancellationToken.None);
        await Store.SaveBenchmarkPointsAsync("r2", [Point(4, 0, 100)], CancellationToken.None);
        await Store.SaveBenchmarkPointsAsync("r2", [Point(4, 0, 250)], CancellationToken.None);

        var gate = new Gsm8kGateResult(0.9, 0.95, 0, true, "mean", [new Gsm8kTrialResult(1, 0.95, 0, 10, 5, 200)]);
        await Store.SaveGsm8kAsync("r2", gate with { Passed = false, Trials = [new Gsm8kTrialResult(1, 0.1, 0, 1, 1, 1), new Gsm8kTrialResult(2, 0.1, 0, 1, 1, 1)] }, CancellationToken.None);
        await Store.SaveGsm8kAsync("r2", gate, CancellationToken.None);

        var details = await Store.GetRunAsync("r2", CancellationToken.None);
        Assert.NotNull(details);
        Assert.Equal(run, details.Run);
        Assert.Single(details.Phases);
        Assert.Equal(250, Assert.Single(details.Points).OutputTokenThroughput);
        Assert.True(details.Gsm8k!.Passed);
        Assert.Single(details.Gsm8k.Trials);
        Assert.Equal(createdAt, await ScalarAsync<string>("SELECT created_at FROM runs WHERE id = 'r2'"));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM runs"));
    }

    [EngineFact]
    public async Task Unknown_run_reads_as_null_and_a_run_without_results_has_empty_lists()
    {
        Assert.Null(await Store.GetRunAsync("nope", CancellationToken.None));

        await Store.SaveRunAsync(Run("bare") with { Status = RunStatus.Queued, Phase = RunPhase.Queued }, [], CancellationToken.None);
        var details = await Store.GetRunAsync("bare", CancellationToken.None);

        Assert.NotNull(details);
        Assert.Null(details.Run.StartedAt);
        Assert.Null(details.Run.ImageDate);
        Assert.Null(details.Gsm8k);
        Assert.Empty(details.Phases);
        Assert.Empty(details.Points);
    }

    [EngineFact]
    public async Task Query_filters_by_image_date_else_start_date_and_by_exact_keys_newest_first()
    {
        await Store.SaveRunAsync(Run("a", imageDate: new DateOnly(2026, 3, 1), startedAt: new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero)), [], CancellationToken.None);
        await Store.SaveRunAsync(Run("b", startedAt: new DateTimeOffset(2026, 3, 2, 23, 59, 0, TimeSpan.Zero), hardware: "mi30x"), [], CancellationToken.None);
        await Store.SaveRunAsync(Run("c", startedAt: new DateTimeOffset(2026, 3, 3, 0, 0, 1, TimeSpan.Zero), node: "mi35x-m12-33", preset: "dsv3"), [], CancellationToken.None);
        await Store.SaveRunAsync(Run("d"), [], CancellationToken.None);

        async Task<string[]> Ids(RunQuery q) => (await Store.QueryRunsAsync(q, CancellationToken.None)).Select(r => r.Id).ToArray();

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

    [EngineFact]
    public async Task Offline_cases_read_back_equal_in_case_order_and_a_case_without_numbers_stays_null()
    {
        OfflineResult[] cases =
        [
            new(8, 1024, 128, 0.16584, 49398.12, 0.0044, 1818.18, 0.725, 12711.72),
            new(1, 1024, 128, 0.02248, 45551.6, 0.00405, 246.91, 0.537, 2145.25),
            OfflineResult.Empty(256, 1024, 128),
            new(1, 8192, 10, 0.1658, 49408.9, null, null, 0.2, 41010.0),
        ];
        await Store.SaveRunAsync(OfflineRun("off1"), [new(RunPhase.Gsm8kGate, T0, T0, PhaseStatus.Skipped)], CancellationToken.None);
        await Store.SaveOfflineResultsAsync("off1", cases, CancellationToken.None);

        var details = (await Store.GetRunAsync("off1", CancellationToken.None))!;

        Assert.Equal([cases[1], cases[0], cases[2], cases[3]], details.Offline);
        Assert.Empty(details.Points);
        Assert.Equal(PhaseStatus.Skipped, Assert.Single(details.Phases).Status);
        Assert.Equal(1L, await ScalarAsync<long>(
            "SELECT count(*) FROM offline_results WHERE batch_size = 256 AND prefill_latency_s IS NULL AND prefill_throughput IS NULL " +
            "AND decode_median_latency_s IS NULL AND decode_median_throughput IS NULL AND total_latency_s IS NULL AND total_throughput IS NULL"));
    }

    [EngineFact]
    public async Task Saving_a_case_again_replaces_it_and_online_runs_read_an_empty_list()
    {
        await Store.SaveRunAsync(OfflineRun("off2"), [], CancellationToken.None);
        await Store.SaveOfflineResultsAsync("off2", [OfflineResult.Empty(32, 128, 32)], CancellationToken.None);
        var again = new OfflineResult(32, 128, 32, 0.1, 40960, 0.02, 1600, 0.72, 11377.78);
        await Store.SaveOfflineResultsAsync("off2", [again], CancellationToken.None);
        await Store.SaveOfflineResultsAsync("off2", [again with { PrefillThroughput = double.NaN }], CancellationToken.None);

        var details = (await Store.GetRunAsync("off2", CancellationToken.None))!;
        Assert.Equal([again with { PrefillThroughput = null }], details.Offline);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM offline_results WHERE run_id = 'off2'"));

        await Store.SaveRunAsync(OfflineRun("online") with { Mode = "online" }, [], CancellationToken.None);
        Assert.Empty((await Store.GetRunAsync("online", CancellationToken.None))!.Offline);
    }

    [EngineFact]
    public async Task Checks_read_back_in_the_order_they_ran_and_saving_again_replaces_them()
    {
        await Store.SaveRunAsync(Run("chk", startedAt: T0), [], CancellationToken.None);
        RunCheckResult[] first =
        [
            new("pytest test/srt", CheckStatus.Failed, 3, TimeSpan.FromSeconds(12.5), "3 failed"),
            new("docker pull", CheckStatus.Passed, null, null, null),
        ];
        await Store.SaveChecksAsync("chk", first, CancellationToken.None);
        Assert.Equal(first, (await Store.GetRunAsync("chk", CancellationToken.None))!.Checks);

        RunCheckResult[] again = [new("docker pull", CheckStatus.Warning, double.NaN, TimeSpan.FromSeconds(1), "slow")];
        await Store.SaveChecksAsync("chk", again, CancellationToken.None);

        Assert.Equal([again[0] with { Value = null }], (await Store.GetRunAsync("chk", CancellationToken.None))!.Checks);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM run_checks WHERE run_id = 'chk'"));
    }

    [EngineFact]
    public async Task Run_days_count_runs_and_failures_per_day_newest_first_within_optional_bounds()
    {
        await Store.SaveRunAsync(Run("a", imageDate: new DateOnly(2026, 3, 1), startedAt: new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero)), [], CancellationToken.None);
        await Store.SaveRunAsync(Run("b", startedAt: new DateTimeOffset(2026, 3, 1, 23, 59, 0, TimeSpan.Zero)) with { Status = RunStatus.Failed }, [], CancellationToken.None);
        await Store.SaveRunAsync(Run("c", startedAt: new DateTimeOffset(2026, 3, 3, 0, 0, 1, TimeSpan.Zero)), [], CancellationToken.None);
        await Store.SaveRunAsync(Run("never-started"), [], CancellationToken.None);

        Assert.Equal(
            [new RunDay(new DateOnly(2026, 3, 3), 1, 0), new RunDay(new DateOnly(2026, 3, 1), 2, 1)],
            await Store.QueryRunDaysAsync(null, null, CancellationToken.None));
        Assert.Equal([new RunDay(new DateOnly(2026, 3, 3), 1, 0)], await Store.QueryRunDaysAsync(new DateOnly(2026, 3, 2), null, CancellationToken.None));
        Assert.Equal([new RunDay(new DateOnly(2026, 3, 1), 2, 1)], await Store.QueryRunDaysAsync(null, new DateOnly(2026, 3, 2), CancellationToken.None));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
