using System.Globalization;
using SglangCi.Interfaces.Hardware;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.History;

/// <summary>
/// The hardware page's and home cards' SQL over the whole imported seed history. The expected night (mi30x, image
/// 2025-12-06) was read from the files themselves: the benchmark runs from the timing summaries and cron logs under
/// <c>online_benchmark_log/mi30x/*/v0.5.6-rocm700-mi30x-20251206_*</c> and <c>cron_log/mi30x/20251206/</c>; the GROK1
/// gate from <c>sglang_client_log_GROK1_gsm8k_aiter.log</c> ("Average Accuracy over 5 valid runs for mode aiter: 0.814",
/// threshold 0.8); the unit test from <c>test/unit-test-backend-8-gpu-CAR-amd/mi30x/v0.5.6-rocm700-mi30x-20251206.log</c>
/// ("Exit code: 1", "Result: FAILED"); PD from <c>test/pd/pd_log/mi30x/v0.5.6-rocm700-mi30x-20251206/test_summary.txt</c>
/// (tests 1–4 PASS, "GSM8K Accuracy: 0.0000 [FAIL]"); the image check from <c>cron_log/mi30x/20251206/docker_image_check.log</c>
/// ("✓ AVAILABLE"); sanity from <c>test/sanity_check_log/mi30x/v0.5.6-rocm700-mi30x-20251206/timing_summary_20251206_084043.log</c>
/// (GPT-OSS-120B "Highest accuracy: 0.861 (Required: 0.820)", "Final result: PASS") and the 09:40 summary of the second
/// host, which lists its seven models without a result.
/// </summary>
public sealed class HardwareQueriesTests(SeedHistoryFixture seed) : IClassFixture<SeedHistoryFixture>
{
    private static readonly DateOnly Night = new(2025, 12, 6);
    private const string HostA = "dell300x-pla-t10-23";
    private const string HostB = "dell300x-pla-t12-38";

    private RelationalHardwareQueries Queries => new(new SqliteResultsDatabase(new SqliteStorageInitializer(SqliteConnectionStrings.ForFile(seed.DatabasePath))));

    [Fact]
    public async Task Mi30x_night_groups_benchmarks_variants_validation_and_sanity_showing_every_host_and_rerun()
    {
        var night = await Queries.NightAsync("mi30x", Night, CancellationToken.None);
        IReadOnlyList<HardwareTaskRow> Group(HardwareTaskGroup group) => night.Rows.Where(r => r.Group == group).ToList();

        // Nine online invocations: two hosts, and GROK1/GROK2 rerun after failing; each is its own row.
        Assert.Equal(
        [
            $"DeepSeek-V3-0324 {HostA} failed", $"DeepSeek-V3-0324 {HostB} succeeded",
            $"GROK1 {HostA} failed", $"GROK1 {HostA} succeeded", $"GROK1 {HostB} failed", $"GROK1 {HostB} succeeded",
            $"GROK2 {HostA} failed", $"GROK2 {HostA} succeeded", $"GROK2 {HostB} failed",
        ], Group(HardwareTaskGroup.Performance).Select(r => $"{r.Task} {r.Host} {r.Outcome}"));
        var grok1 = Group(HardwareTaskGroup.Performance).Single(r => r.RunId == "seed-20251206T202339-grok1-online-mi30x-t12-38-5d5600");
        Assert.Equal((0.814, 0.8), (grok1.Accuracy!.Value, grok1.Threshold!.Value));
        Assert.Equal(1831.0, grok1.DurationSeconds); // 20:23:39 → 20:54:10
        Assert.Equal("rocm/sgl-dev:v0.5.6-rocm700-mi30x-20251206", grok1.Image);
        Assert.EndsWith("timing_summary_20251206_122339.log", grok1.SourcePath, StringComparison.Ordinal);
        var failed = Group(HardwareTaskGroup.Performance).First(r => r.Status == RunStatus.Failed);
        Assert.Null(failed.Accuracy);
        Assert.False(string.IsNullOrEmpty(failed.Detail)); // the reason the run failed

        var variant = Assert.Single(Group(HardwareTaskGroup.Integration));
        Assert.Equal(("DeepSeek-V3-0324", "online_dp_attention", HostA, RunStatus.Failed), (variant.Task, variant.Mode, variant.Host, variant.Status));

        Assert.Equal(
        [
            $"Unit tests {HostA} failed",
            $"PD disaggregation {HostA} failed",
            $"Image check {HostA} available",
        ], Group(HardwareTaskGroup.Validation).Select(r => $"{r.Task} {r.Host} {r.Outcome}"));
        var unit = Group(HardwareTaskGroup.Validation)[0];
        Assert.Equal(RunStatus.Failed, unit.Status);
        Assert.Equal("test_custom_allreduce.TestCustomAllReduce · 2 tests ran · exit 1", unit.Detail);
        Assert.Equal(216.965, unit.DurationSeconds);
        Assert.Equal("test/unit-test-backend-8-gpu-CAR-amd/mi30x/v0.5.6-rocm700-mi30x-20251206.log", unit.SourcePath);
        var pd = Group(HardwareTaskGroup.Validation)[1];
        Assert.Equal((0.0, 640.0), (pd.Accuracy!.Value, pd.DurationSeconds!.Value));
        Assert.StartsWith("4 tests passed", pd.Detail, StringComparison.Ordinal);
        Assert.Equal("test/pd/pd_log/mi30x/v0.5.6-rocm700-mi30x-20251206/test_summary.txt", pd.SourcePath);
        Assert.Equal(RunStatus.Succeeded, Group(HardwareTaskGroup.Validation)[2].Status);

        // Sanity per model and host: the first host decided all seven (2 pass, 5 server never started); the second
        // host's run ended before any model, so its seven are skipped.
        var sanity = Group(HardwareTaskGroup.Sanity);
        Assert.Equal(14, sanity.Count);
        Assert.Equal(
            ["GPT-OSS-120B pass 0.861/0.82", "GPT-OSS-20B pass 0.527/0.5"],
            sanity.Where(r => r.Outcome == "pass").Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Task} {r.Outcome} {r.Accuracy}/{r.Threshold}")));
        Assert.All(sanity.Where(r => r.Outcome == "pass"), r => Assert.Equal(HostA, r.Host));
        Assert.Equal(5, sanity.Count(r => r.Host == HostA && r.Status == RunStatus.Failed));
        Assert.Equal(7, sanity.Count(r => r.Host == HostB && r.Status == RunStatus.Skipped && r.Outcome == "skipped"));
        Assert.All(sanity, r => Assert.StartsWith("test/sanity_check_log/mi30x/v0.5.6-rocm700-mi30x-20251206/", r.SourcePath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_night_on_hardware_that_ran_nothing_has_no_rows()
    {
        Assert.Empty((await Queries.NightAsync("mi30x", new DateOnly(2024, 1, 1), CancellationToken.None)).Rows);
        Assert.Empty((await Queries.NightAsync("h100", Night, CancellationToken.None)).Rows);
    }

    [Fact]
    public async Task Day_counts_of_the_night_match_the_runs_and_checks_tables()
    {
        var days = await Queries.DaysAsync(null, Night, Night, CancellationToken.None);

        // mi30x: 10 runs (4 succeeded), 14 sanity + 1 unit + 1 PD + 1 image check; mi35x: 4 failed runs, unit + image check.
        Assert.Equal(
        [
            "mi30x 10 4 6 0 17 rocm/sgl-dev:v0.5.6-rocm700-mi30x-20251206",
            "mi35x 4 0 4 0 2 rocm/sgl-dev:v0.5.6-rocm700-mi35x-20251206",
        ], days.Select(d => $"{d.Hardware} {d.Runs} {d.Passed} {d.Failed} {d.Running} {d.Checks} {d.NewestImage}"));
        Assert.Equal(0.4, days[0].PassRate);
        Assert.Equal(0.0, days[1].PassRate);
    }

    [Fact]
    public async Task Day_counts_add_up_to_the_tables_and_to_each_night()
    {
        var days = await Queries.DaysAsync(null, null, null, CancellationToken.None);

        Assert.Equal(await seed.CountAsync("SELECT COUNT(*) FROM runs"), days.Sum(d => d.Runs));
        Assert.Equal(await seed.CountAsync("SELECT COUNT(*) FROM runs WHERE status = 'succeeded'"), days.Sum(d => d.Passed));
        Assert.Equal(await seed.CountAsync("SELECT COUNT(*) FROM runs WHERE status IN ('failed', 'skipped')"), days.Sum(d => d.Failed));
        Assert.Equal(
            await seed.CountAsync("""
                SELECT (SELECT COUNT(*) FROM sanity_results) + (SELECT COUNT(*) FROM unit_tests)
                     + (SELECT COUNT(*) FROM pd_tests WHERE image_date IS NOT NULL) + (SELECT COUNT(*) FROM image_checks)
                """),
            days.Sum(d => d.Checks));
        Assert.Equal(days.OrderByDescending(d => d.Day).ThenBy(d => d.Hardware, StringComparer.Ordinal), days);
        Assert.Equal(days.Count, days.DistinctBy(d => (d.Day, d.Hardware)).Count());

        // Every (day, hardware) reads the same from its night: runs are the benchmark and variant rows, checks the rest.
        foreach (var day in days.Where(d => d.Day >= new DateOnly(2025, 11, 20)))
        {
            var night = await Queries.NightAsync(day.Hardware, day.Day, CancellationToken.None);
            var runs = night.Rows.Where(r => r.Group is HardwareTaskGroup.Performance or HardwareTaskGroup.Integration).ToList();
            Assert.True(day.Runs == runs.Count, $"{day.Hardware} {day.Day}: {day.Runs} runs counted, {runs.Count} in the night");
            Assert.Equal(day.Passed, runs.Count(r => r.Status == RunStatus.Succeeded));
            Assert.Equal(day.Checks, night.Rows.Count - runs.Count);
        }

        // One hardware and a range: only its days, inside the range.
        var mi35x = await Queries.DaysAsync("mi35x", new DateOnly(2025, 12, 2), new DateOnly(2025, 12, 8), CancellationToken.None);
        Assert.NotEmpty(mi35x);
        Assert.All(mi35x, d => Assert.True(d.Hardware == "mi35x" && d.Day >= new DateOnly(2025, 12, 2) && d.Day <= new DateOnly(2025, 12, 8)));
        Assert.Equal(days.Where(d => d.Hardware == "mi35x" && d.Day >= new DateOnly(2025, 12, 2) && d.Day <= new DateOnly(2025, 12, 8)), mi35x);
    }
}
