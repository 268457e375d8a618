using Microsoft.Extensions.DependencyInjection;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Grains.Storage;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Analysis;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;
using SglangCi.Silo.RunKinds;
using SglangCi.Silo.RunKinds.DailySummary;

namespace SglangCi.Grains.Tests.RunKinds;

/// <summary>Daily summaries through the pipeline over an in-memory results store seeded with a night's runs.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DailySummaryKindTests(ClusterFixture fixture)
{
    private const string Hardware = "sumhw";
    /// <summary>A night safely in the past, so every scheduled job of it is due by the clock's now.</summary>
    private static readonly DateOnly Night = new(2025, 11, 30);
    private static readonly DateTimeOffset Midnight = new(2025, 11, 30, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Summarizes_the_night_per_job_with_a_pass_rate_and_raises_one_warning_alert()
    {
        var store = NewStore();
        await SaveAsync(store, Run("r-sanity", "gpt-oss-120b", "sanity", RunStatus.Succeeded, job: "night/gpt-oss-120b-sanity"), accuracy: 0.853);
        await SaveAsync(store, Run("r-grok2-early", "grok2-fp8", "online", RunStatus.Succeeded, job: "night/grok2-fp8-online", startedHour: 9));
        await SaveAsync(store, Run("r-grok2", "grok2-fp8", "online", RunStatus.Failed, job: "night/grok2-fp8-online", reason: "GSM8K gate: 0.700 < 0.800", startedHour: 12));
        await SaveAsync(store, Run("r-unit", "", "unit-test", RunStatus.Succeeded, job: "night/unit-test"));
        await SaveAsync(store, Run("r-hand", "deepseek-v3-0324-fp8", "online_dp_attention", RunStatus.Skipped, reason: "yesterday's run succeeded"));
        await SaveAsync(store, Run("r-going", "grok1-int4", "online", RunStatus.Running, job: "night/grok1-int4-online"));
        await SaveAsync(store, Run("r-old-summary", "", "daily-summary", RunStatus.Succeeded, job: "summary/daily-summary"));
        await SaveAsync(store, Run("r-other-hw", "gpt-oss-20b", "sanity", RunStatus.Failed, job: "night/gpt-oss-20b-sanity") with { Hardware = "mi35x" });
        await SaveAsync(store, Run("r-other-night", "gpt-oss-20b", "sanity", RunStatus.Failed, job: "night/gpt-oss-20b-sanity") with { ImageDate = Night.AddDays(1) });
        var schedules = new FakeSchedules(Schedule("night", "America/Chicago", "0 2 * * *",
            Job("gpt-oss-120b", RunMode.Sanity), Job("grok2-fp8", RunMode.Online), Job("", RunMode.UnitTest), Job("qwen3-30b", RunMode.Sanity)));

        var sink = await RunAsync("sum-mixed", store, schedules);

        Assert.True(sink.Status == RunStatus.Succeeded, sink.Reason);
        Assert.Equal(
            [
                ("unit test", CheckStatus.Passed),
                ("deepseek-v3-0324-fp8 online", CheckStatus.Skipped),
                ("grok2-fp8 online", CheckStatus.Failed),
                ("sanity gpt-oss-120b", CheckStatus.Passed),
                ("sanity qwen3-30b", CheckStatus.Warning),
                ("tasks", CheckStatus.Failed),
            ],
            sink.Checks.Select(c => (c.Name, c.Status)));
        var checks = sink.Checks.ToDictionary(c => c.Name);
        Assert.Equal("failed: GSM8K gate: 0.700 < 0.800; run r-grok2; 1 other run(s) of the job that night", checks["grok2-fp8 online"].Detail);
        Assert.Equal(0.853, checks["sanity gpt-oss-120b"].Value);
        Assert.Equal("passed; GSM8K 0.853; run r-sanity", checks["sanity gpt-oss-120b"].Detail);
        Assert.Equal("skipped: yesterday's run succeeded; run r-hand", checks["deepseek-v3-0324-fp8 online"].Detail);
        Assert.Equal("not run: night/qwen3-30b-sanity was due at 02:00 America/Chicago; no run of it is stored for 2025-11-30", checks["sanity qwen3-30b"].Detail);
        Assert.Equal(50.0, checks["tasks"].Value);
        Assert.Equal(
            "Tasks run: 4/5, passed 2, failed 1, skipped 1, not run 1; 1 still running, not counted; pass rate 50%",
            checks["tasks"].Detail);

        var alert = Assert.Single(sink.Alerts);
        Assert.Equal("2025-11-30 Daily CI Summary Report — sumhw", alert.Title);
        Assert.Equal(AlertSeverity.Warning, alert.Severity);
        Assert.Equal("daily-summary/sumhw/2025-11-30/sum-mixed", alert.DedupeKey);
        Assert.Equal(("sumhw", "sumhw-1.test", "img-20251130"), (alert.Facts["hardware"], alert.Facts["hosts"], alert.Facts["images"]));
        Assert.Equal(("4/5", "2", "1", "50%"), (alert.Facts["tasks run"], alert.Facts["passed"], alert.Facts["failed"], alert.Facts["pass rate"]));
        Assert.Contains("FAILED grok2-fp8 online: failed: GSM8K gate", alert.Text);
        Assert.Contains("NOT RUN sanity qwen3-30b", alert.Text);
        Assert.DoesNotContain("stale", alert.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_night_where_everything_passed_is_an_info_alert()
    {
        var store = NewStore();
        await SaveAsync(store, Run("p-unit", "", "unit-test", RunStatus.Succeeded, job: "n/unit-test"));
        await SaveAsync(store, Run("p-grok", "grok1-int4", "online", RunStatus.Succeeded, job: "n/grok1-int4-online"));

        var sink = await RunAsync("sum-green", store, new FakeSchedules());

        var tasks = sink.Checks.Last();
        Assert.Equal(("tasks", CheckStatus.Passed, (double?)100), (tasks.Name, tasks.Status, tasks.Value));
        Assert.Equal("Tasks run: 2/2, passed 2, failed 0, skipped 0, not run 0; pass rate 100%", tasks.Detail);
        Assert.Equal(AlertSeverity.Info, Assert.Single(sink.Alerts).Severity);
    }

    [Fact]
    public async Task The_nights_benchmark_card_follows_the_summary_and_a_failed_analysis_is_only_a_warning()
    {
        var store = NewStore();
        await SaveAsync(store, Run("a-grok", "grok1-int4", "online", RunStatus.Succeeded, job: "n/grok1-int4-online"));
        var card = new AlertMessage("benchmark-night:sumhw:2025-11-30", "2025-11-30 benchmark night — sumhw: 1 regression", AlertSeverity.Error, "…",
            new Dictionary<string, string>(), DateTimeOffset.UtcNow)
        { Kind = AlertCardKind.BenchmarkNight };
        var analyzer = new FakeAnalyzer(card);
        var plan = KindPipeline.Plan("sum-analysed", "sumhw-1", RunMode.DailySummary, Hardware, imageDate: Night);

        var sink = await KindPipeline.RunAsync(fixture, new DailySummaryKind(store, new FakeSchedules(), analyzer), plan);

        Assert.Equal((Hardware, Night, false), Assert.Single(analyzer.Asked));
        Assert.Equal(["daily-summary/sumhw/2025-11-30/sum-analysed", card.DedupeKey], sink.Alerts.Select(a => a.DedupeKey));
        var analysis = sink.Checks.Single(c => c.Name == DailySummaryKind.AnalysisCheck);
        Assert.Equal((CheckStatus.Warning, "1 alert(s) opened, 0 resolved, 3 active; 2 improvement(s), 4 candidate(s)"), (analysis.Status, analysis.Detail));

        var broken = await KindPipeline.RunAsync(fixture, new DailySummaryKind(store, new FakeSchedules(), new FakeAnalyzer(null) { Broken = true }),
            KindPipeline.Plan("sum-analysis-down", "sumhw-1", RunMode.DailySummary, Hardware, imageDate: Night));
        Assert.True(broken.Status == RunStatus.Succeeded, broken.Reason);
        Assert.Single(broken.Alerts);
        var failed = broken.Checks.Single(c => c.Name == DailySummaryKind.AnalysisCheck);
        Assert.Equal((CheckStatus.Warning, "the regression analysis failed: history unavailable"), (failed.Status, failed.Detail));
    }

    [Fact]
    public async Task A_night_without_runs_succeeds_with_a_warning_and_still_alerts_that_nothing_ran()
    {
        var schedules = new FakeSchedules(Schedule("night", "UTC", "0 2 * * *", Job("grok1-int4", RunMode.Online)));

        var sink = await RunAsync("sum-empty", NewStore(), schedules);

        Assert.True(sink.Status == RunStatus.Succeeded, sink.Reason);
        var tasks = sink.Checks.Last();
        Assert.Equal(("tasks", CheckStatus.Warning, (double?)null), (tasks.Name, tasks.Status, tasks.Value));
        Assert.Equal("no runs on 2025-11-30 (sumhw); 1 scheduled job(s) not run", tasks.Detail);
        var alert = Assert.Single(sink.Alerts);
        Assert.Equal(AlertSeverity.Warning, alert.Severity);
        Assert.StartsWith("Nothing ran on sumhw on 2025-11-30: 1 scheduled job(s) produced no run.", alert.Text);
        Assert.Equal(("0/1", "n/a"), (alert.Facts["tasks run"], alert.Facts["pass rate"]));
    }

    [Fact]
    public async Task A_night_that_only_ran_on_an_older_image_is_marked_stale_and_info()
    {
        var store = NewStore();
        var yesterday = Night.AddDays(-1);
        await SaveAsync(store, Run("s-grok", "grok1-int4", "online", RunStatus.Failed, job: "n/grok1-int4-online", reason: "server crashed") with { ImageDate = yesterday, Image = "img-20251129" });
        await SaveAsync(store, Run("s-clean", "", "housekeeping", RunStatus.Succeeded, job: "n/housekeeping"));
        // Yesterday's own run on yesterday's image, started yesterday: yesterday's night, not this one.
        await SaveAsync(store, Run("s-yesterday", "grok2-fp8", "online", RunStatus.Succeeded, job: "n/grok2-fp8-online") with
        {
            ImageDate = yesterday,
            StartedAt = Midnight.AddHours(-4),
            FinishedAt = Midnight.AddHours(-3),
        });

        var sink = await RunAsync("sum-stale", store, new FakeSchedules());

        Assert.Equal(["grok1-int4 online", "housekeeping", "tasks"], sink.Checks.Select(c => c.Name));
        Assert.Equal("failed: server crashed; on the 2025-11-29 image (img-20251129); run s-grok", sink.Checks.First().Detail);
        Assert.EndsWith("; stale image: no run of the night used the night's image", sink.Checks.Last().Detail);
        var alert = Assert.Single(sink.Alerts);
        Assert.Equal(AlertSeverity.Info, alert.Severity);
        Assert.StartsWith("Stale image: every run of 2025-11-30 used an older image (img-20251129)", alert.Text);
        Assert.Equal("yes", alert.Facts["stale image"]);
    }

    [Fact]
    public async Task A_results_store_that_cannot_be_read_fails_the_run_with_why()
    {
        var sink = await RunAsync("sum-broken", new BrokenStore(), new FakeSchedules());

        Assert.Equal(RunStatus.Failed, sink.Status);
        Assert.Equal("daily summary for sumhw on 2025-11-30: the results store could not be read: database is locked", sink.Reason);
        Assert.Empty(sink.Alerts);
    }

    [Fact]
    public async Task Unreadable_schedules_leave_not_run_out_and_say_so()
    {
        var store = NewStore();
        await SaveAsync(store, Run("u-unit", "", "unit-test", RunStatus.Succeeded, job: "n/unit-test"));

        var sink = await RunAsync("sum-noschedules", store, new FakeSchedules { Broken = true });

        Assert.True(sink.Status == RunStatus.Succeeded, sink.Reason);
        Assert.Equal(
            "Tasks run: 1/1, passed 1, failed 0, skipped 0, not run unknown (the schedules could not be read: catalog unavailable); pass rate 100%",
            sink.Checks.Last().Detail);
        Assert.Equal("unknown", Assert.Single(sink.Alerts).Facts["not run"]);
    }

    [Fact]
    public void Jobs_are_due_on_the_nights_their_enabled_schedules_fire_by_now_in_their_own_zone()
    {
        var night = Schedule("night", "America/Chicago", "0 2 * * *", Job("grok1-int4", RunMode.Online), Job("grok2-fp8", RunMode.Online) with { Enabled = false });
        var late = Schedule("late", "America/Chicago", "0 23 * * *", Job("", RunMode.UnitTest));
        var off = Schedule("off", "America/Chicago", "0 1 * * *", Job("", RunMode.ImageCheck)) with { Enabled = false };
        var mondays = Schedule("mondays", "America/Chicago", "0 3 * * 1", Job("", RunMode.Housekeeping));
        var summary = Schedule("summary", "America/Los_Angeles", "0 7 * * *", Job("", RunMode.DailySummary));
        var fresh = Schedule("fresh", "America/Chicago", "0 1 * * *", Job("", RunMode.ModelDownload));
        var firedAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        IReadOnlyList<ScheduleOnHardware> schedules =
            [.. new[] { night, late, off, mondays, summary }.Select(s => new ScheduleOnHardware(s, s.Jobs, firedAt)), new ScheduleOnHardware(fresh, fresh.Jobs, null)];

        // 2026-11-30 is a Monday; 02:00 CST is 08:00 UTC, 23:00 CST is 05:00 UTC the next day.
        var monday = new DateOnly(2026, 11, 30);
        var expected = NightSchedules.Expected(schedules, monday, new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(["mondays/housekeeping", "night/grok1-int4-online"], expected.Select(j => j.JobKey).Order(StringComparer.Ordinal));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero), expected.Single(j => j.JobKey == "night/grok1-int4-online").FiresAt);
        Assert.Empty(NightSchedules.Expected(schedules, monday, new DateTimeOffset(2026, 11, 30, 7, 59, 0, TimeSpan.Zero)));
        Assert.Equal("America/Los_Angeles", NightSchedules.ZoneOf(schedules)!.Id);
        Assert.Null(NightSchedules.ZoneOf([]));
        Assert.Null(NightSchedules.ZoneOf([new ScheduleOnHardware(night, night.Jobs, null), new ScheduleOnHardware(summary with { Jobs = [Job("", RunMode.UnitTest)] }, [Job("", RunMode.UnitTest)], null)]));
    }

    [Fact]
    public async Task The_grain_schedule_source_reads_the_schedules_of_the_hardwares_nodes()
    {
        await fixture.Grains.GetGrain<IGpuNodeGrain>("sumgrain-node").Configure(new NodeInventory("sumgrain-node", "sumgrain", "sumgrain.test", 8, EngineRuntimeKind.Simulated));
        // Fires on 29 February only, so it never fires during the test.
        var leap = new ScheduleDefinition("sumgrain-leap", "0 2 29 2 *", "America/Chicago", true,
            [new ScheduledJob("", "sumgrain-node", RunMode.UnitTest), new ScheduledJob("", "sim-node-elsewhere", RunMode.ImageCheck)]);
        await fixture.Grains.GetGrain<IScheduleGrain>(leap.Name).Configure(leap);

        var found = await new GrainNightScheduleSource(fixture.Grains).ReadAsync("sumgrain", CancellationToken.None);

        var schedule = Assert.Single(found);
        Assert.Equal("sumgrain-leap", schedule.Schedule.Name);
        Assert.Equal(RunMode.UnitTest, Assert.Single(schedule.Jobs).Mode);
        Assert.Null(schedule.LastFiredAt);
        Assert.Empty(NightSchedules.Expected(found, new DateOnly(2024, 2, 29), DateTimeOffset.UtcNow));
        var due = Assert.Single(NightSchedules.Expected([schedule with { LastFiredAt = DateTimeOffset.UtcNow }], new DateOnly(2024, 2, 29), DateTimeOffset.UtcNow));
        Assert.Equal(("sumgrain-leap/unit-test", "unit test"), (due.JobKey, due.Name));
    }

    [Fact]
    public async Task The_silo_registration_reads_the_silos_results_store_and_the_clusters_schedules()
    {
        var store = NewStore();
        await SaveAsync(store, Run("d-unit", "", "unit-test", RunStatus.Succeeded, job: "n/unit-test"));
        using var provider = new ServiceCollection()
            .AddSingleton<IResultsStore>(store)
            .AddSingleton(fixture.Grains)
            .AddDailySummaryRunKind()
            .BuildServiceProvider();
        var kind = Assert.IsType<DailySummaryKind>(Assert.Single(provider.GetServices<IRunKind>()));

        var sink = await KindPipeline.RunAsync(fixture, kind, KindPipeline.Plan("sum-di", "sumhw-1", RunMode.DailySummary, Hardware, imageDate: Night));

        Assert.True(sink.Status == RunStatus.Succeeded, sink.Reason);
        Assert.Equal("Tasks run: 1/1, passed 1, failed 0, skipped 0, not run 0; pass rate 100%", sink.Checks.Single(c => c.Name == "tasks").Detail);
        // The registration wires the cluster's regression watch too (this test cluster has no history to read: a warning).
        Assert.Equal(DailySummaryKind.AnalysisCheck, sink.Checks.Last().Name);
    }

    private async Task<RecordingRunSink> RunAsync(string runId, IResultsStore store, INightScheduleSource schedules) =>
        await KindPipeline.RunAsync(fixture, new DailySummaryKind(store, schedules), KindPipeline.Plan(runId, "sumhw-1", RunMode.DailySummary, Hardware, imageDate: Night));

    private static InMemoryResultsStore NewStore() => InMemoryResultsStore.For("daily-summary-" + Guid.NewGuid().ToString("N"));

    private static async Task SaveAsync(InMemoryResultsStore store, RunSummary run, double? accuracy = null)
    {
        await store.SaveRunAsync(run, [], CancellationToken.None);
        if (accuracy is { } a)
        {
            await store.SaveGsm8kAsync(run.Id, new Gsm8kGateResult(0.8, a, 0, true, "mean", []), CancellationToken.None);
        }
    }

    private static RunSummary Run(string id, string preset, string mode, RunStatus status, string? job = null, string? reason = null, int startedHour = 10) =>
        new(id, preset, 1, preset, "sumhw-1", "sumhw-1.test", Hardware, mode, "img-20251130", Night, status, reason,
            Midnight.AddHours(startedHour), status.IsTerminal() ? Midnight.AddHours(startedHour + 1) : null, RunPhase.Done, "schedule")
        {
            JobKey = job,
        };

    private static ScheduleDefinition Schedule(string name, string zone, string cron, params ScheduledJob[] jobs) => new(name, cron, zone, true, jobs);

    private static ScheduledJob Job(string preset, RunMode mode) => new(preset, "sumhw-1", mode);

    private sealed class FakeAnalyzer(AlertMessage? card) : INightAnalyzer
    {
        public bool Broken { get; init; }

        public List<(string Hardware, DateOnly Night, bool Stale)> Asked { get; } = [];

        public Task<NightAnalysis> AnalyzeAsync(string hardware, DateOnly night, bool staleImage, CancellationToken cancellationToken)
        {
            Asked.Add((hardware, night, staleImage));
            if (Broken)
            {
                throw new InvalidOperationException("history unavailable");
            }

            var opened = new SeriesAlert("a1", SeriesAlertKind.Regression, SeriesAlertStatus.Open, hardware, "h", "m", "online", null, null, "e2e-median-ms",
                night, night, night, 1, 2, 1, null, null, null, null, null, null, null, null);
            return Task.FromResult(new NightAnalysis(hardware, night, [opened], [], 3, 2, 4, card, null));
        }
    }

    private sealed class FakeSchedules(params ScheduleDefinition[] schedules) : INightScheduleSource
    {
        public bool Broken { get; init; }

        public Task<IReadOnlyList<ScheduleOnHardware>> ReadAsync(string hardware, CancellationToken cancellationToken) => Broken
            ? throw new InvalidOperationException("catalog unavailable")
            : Task.FromResult<IReadOnlyList<ScheduleOnHardware>>([.. schedules.Select(s => new ScheduleOnHardware(s, s.Jobs, DateTimeOffset.UtcNow))]);
    }

    private sealed class BrokenStore : IResultsStore
    {
        public Task SaveRunAsync(RunSummary run, IReadOnlyList<PhaseRecord> phases, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SaveGsm8kAsync(string runId, Gsm8kGateResult gate, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SaveBenchmarkPointsAsync(string runId, IReadOnlyList<BenchmarkPointResult> points, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SaveOfflineResultsAsync(string runId, IReadOnlyList<OfflineResult> results, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SaveChecksAsync(string runId, IReadOnlyList<RunCheckResult> checks, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<RunSummary>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken) => throw new InvalidOperationException("database is locked");

        public Task<IReadOnlyList<RunDay>> QueryRunDaysAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<RunDetails?> GetRunAsync(string runId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
