using System.Globalization;

namespace SglangCi.Integration.Tests.History;

/// <summary>
/// The whole shared seed-history imported, checked against figures derived independently from the files (Python
/// scripts that read the raw logs with the same documented rules: key = hardware, host, model, mode, image date;
/// an invocation per timing summary or cron "Script started at"; the weights' path decides the model; per night and
/// load point the most trusted source wins, client log > CSV > timing summary > cron log). The inventory's §6
/// tables are for a longer history (to Dec 19); this copy ends Dec 9, so every figure here was recounted.
/// </summary>
public sealed class SeedHistoryImportTests(SeedHistoryFixture seed) : IClassFixture<SeedHistoryFixture>
{
    // A night is complete when one host has all three medians at every expected load point of its model and hardware.
    private const string CompleteNights = """
        WITH expected(model_like, hw, kind, n) AS (VALUES ('GROK%', 'mi30x', 'rate', 5), ('GROK%', 'mi35x', 'rate', 4),
                                                          ('DeepSeek%', 'mi30x', 'concurrency', 5), ('DeepSeek%', 'mi35x', 'concurrency', 5)),
        points AS ({0}),
        nights AS (
            SELECT p.hardware, p.model, p.mode, p.image_date, p.host, COUNT(DISTINCT p.load) AS loads, e.n
            FROM points p JOIN expected e ON p.model LIKE e.model_like AND p.hardware = e.hw AND p.load_kind = e.kind
            WHERE (e.kind = 'rate' AND p.load IN (1, 2, 4, 8, 16) AND NOT (e.hw = 'mi35x' AND p.load = 16))
               OR (e.kind = 'concurrency' AND p.load IN (128, 64, 16, 4, 1))
            GROUP BY p.hardware, p.model, p.mode, p.image_date, p.host)
        SELECT hardware || ' ' || model || ' ' || mode, COUNT(DISTINCT image_date), MIN(image_date), MAX(image_date)
        FROM nights WHERE loads = n GROUP BY hardware, model, mode ORDER BY 1;
        """;

    private const string NightView = "SELECT hardware, host, model, mode, image_date, load_kind, load FROM night_points";

    private const string OneOrigin = """
        SELECT r.hardware, r.host, r.model, r.mode, r.image_date, p.load_kind, p.load
        FROM point_medians p JOIN runs r ON r.id = p.run_id
        WHERE p.origin = '{0}' AND p.e2e_median_ms IS NOT NULL AND p.ttft_median_ms IS NOT NULL AND p.itl_median_ms IS NOT NULL
        """;

    [Fact]
    public async Task Every_night_with_a_complete_sweep_is_found_combining_all_sources()
    {
        var rows = await seed.RowsAsync(string.Format(CultureInfo.InvariantCulture, CompleteNights, NightView));

        Assert.Equal(
        [
            "mi30x DeepSeek-V3-0324 online: 44 2025-10-01..2025-12-08",
            "mi30x GROK1 online: 48 2025-10-02..2025-12-08",
            "mi30x GROK2 online: 51 2025-10-01..2025-12-09",
            "mi35x DeepSeek-R1-MXFP4-Preview online: 23 2025-10-09..2025-12-09",
            "mi35x DeepSeek-R1-MXFP4-Preview online_dp_attention: 11 2025-10-11..2025-11-05",
            "mi35x DeepSeek-R1-MXFP4-Preview online_dp_attention_mtp_test: 14 2025-10-09..2025-11-17",
            "mi35x DeepSeek-R1-MXFP4-Preview online_mtp_test: 18 2025-10-10..2025-11-14",
            "mi35x GROK1 online: 41 2025-10-09..2025-12-09",
            "mi35x GROK2 online: 40 2025-10-09..2025-12-09",
        ], rows.Select(r => $"{r[0]}: {r[1]} {r[2]}..{r[3]}"));
    }

    [Theory]
    [InlineData("client-log", new[] { 34, 37, 39, 14, 1, 2, 9, 32, 27 })]
    [InlineData("csv", new[] { 34, 37, 39, 14, 1, 2, 9, 27, 25 })]
    [InlineData("timing-summary", new[] { 33, 37, 39, 14, 1, 2, 9, 27, 25 })]
    [InlineData("cron-log", new[] { 39, 47, 46, 22, 11, 14, 17, 39, 39 })]
    public async Task Each_source_alone_gives_the_nights_it_holds(string origin, int[] nights)
    {
        var rows = await seed.RowsAsync(string.Format(CultureInfo.InvariantCulture, CompleteNights, string.Format(CultureInfo.InvariantCulture, OneOrigin, origin)));

        Assert.Equal(nights, rows.Select(r => Convert.ToInt32(r[1], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Invocations_from_folders_and_cron_logs_merge_into_one_run_each()
    {
        Assert.Equal(943, await seed.CountAsync("SELECT COUNT(*) FROM runs WHERE source = 'seed-logs'"));
        Assert.Equal(574, await seed.CountAsync("SELECT COUNT(*) FROM runs WHERE source_path LIKE '%/timing_summary_%'"));
        Assert.Equal(369, await seed.CountAsync("SELECT COUNT(*) FROM runs WHERE source_path LIKE 'cron_log/%'"));
        Assert.Equal(0, await seed.CountAsync("SELECT COUNT(*) FROM runs WHERE image_date IS NULL OR trigger <> 'import' OR phase <> 'done'"));
    }

    [Fact]
    public async Task Gsm8k_gates_keep_their_outcome_threshold_and_rule()
    {
        var gates = await seed.RowsAsync("""
            SELECT r.hardware || ' ' || r.model || ' ' || r.mode, SUM(g.passed = 1), SUM(g.passed = 0)
            FROM gsm8k_gates g JOIN runs r ON r.id = g.run_id GROUP BY 1 ORDER BY 1
            """);
        var byKey = gates.ToDictionary(r => (string)r[0]!, r => (Convert.ToInt32(r[1], CultureInfo.InvariantCulture), Convert.ToInt32(r[2], CultureInfo.InvariantCulture)));

        Assert.Equal(268, byKey.Values.Sum(v => v.Item1));
        Assert.Equal(13, byKey.Values.Sum(v => v.Item2));
        Assert.Equal((39, 1), byKey["mi30x GROK1 online"]);
        Assert.Equal((43, 2), byKey["mi30x GROK2 online"]);
        Assert.Equal((35, 5), byKey["mi30x DeepSeek-V3-0324 online"]);
        Assert.Equal((14, 1), byKey["mi35x DeepSeek-R1-MXFP4-Preview online"]);
        Assert.Equal(175, await seed.CountAsync("SELECT COUNT(*) FROM runs WHERE reason LIKE 'no GSM8K result%'"));
        Assert.Equal(30, await seed.CountAsync("SELECT COUNT(*) FROM runs WHERE reason LIKE 'no GSM8K result%' AND hardware = 'mi35x' AND mode = 'online_torch_compile'"));

        // One threshold per model family, as the logs printed it; every gate so far used the mean rule.
        Assert.Equal(["0.8", "0.93"], (await seed.RowsAsync("SELECT DISTINCT threshold FROM gsm8k_gates ORDER BY 1")).Select(r => Convert.ToString(r[0], CultureInfo.InvariantCulture)));
        Assert.Equal(0, await seed.CountAsync("SELECT COUNT(*) FROM gsm8k_gates WHERE rule <> 'mean'"));
    }

    [Fact]
    public async Task Sanity_results_are_decided_per_host_image_and_model()
    {
        var rows = await seed.RowsAsync("""
            SELECT hardware || ' ' || model, COUNT(*), SUM(outcome = 'pass'), SUM(outcome = 'fail'), SUM(outcome = 'skipped')
            FROM sanity_results GROUP BY 1 ORDER BY 1
            """);

        Assert.Equal(
        [
            "mi30x DeepSeek-V3 13/8/1/4", "mi30x GPT-OSS-120B 51/39/6/6", "mi30x GPT-OSS-20B 51/35/10/6", "mi30x GROK1-FP8 51/34/11/6",
            "mi30x GROK1-IN4 51/38/3/10", "mi30x GROK2.5 42/27/5/10", "mi30x QWEN-30B 51/36/9/6", "mi30x llama4 51/36/9/6",
            "mi35x DeepSeek-R1-MXFP4 4/0/1/3", "mi35x DeepSeek-V3 6/0/5/1", "mi35x GPT-OSS-120B 36/21/14/1", "mi35x GPT-OSS-20B 36/21/14/1",
            "mi35x GROK1-FP8 35/18/10/7", "mi35x GROK1-IN4 35/31/3/1", "mi35x GROK2.5 34/24/9/1", "mi35x QWEN-30B 36/27/8/1", "mi35x llama4 34/2/10/22",
        ], rows.Select(r => $"{r[0]} {r[1]}/{r[2]}/{r[3]}/{r[4]}"));
        Assert.Equal(51, await seed.CountAsync("SELECT COUNT(DISTINCT host || image) FROM sanity_results WHERE hardware = 'mi30x'"));
        Assert.Equal(36, await seed.CountAsync("SELECT COUNT(DISTINCT host || image) FROM sanity_results WHERE hardware = 'mi35x'"));
    }

    [Fact]
    public async Task Pd_tests_recompute_pass_from_the_numbers()
    {
        var row = (await seed.RowsAsync("""
            SELECT COUNT(*), SUM(setup_failed), SUM(tests_passed = 4), SUM(gsm8k_accuracy IS NOT NULL), SUM(passed),
                   SUM(gsm8k_accuracy = 0), SUM(gsm8k_accuracy = 0 AND old_label = 'pass')
            FROM pd_tests
            """))[0];
        var passed = await seed.RowsAsync("SELECT hardware || ' ' || label || ' ' || printf('%.4f', gsm8k_accuracy) FROM pd_tests WHERE passed = 1 ORDER BY 1");

        Assert.Equal("57 41 16 14 3 11 4", string.Join(' ', row));
        Assert.Equal(
            ["mi30x v0.5.5.post3-rocm700-mi30x-20251120_rerun2 0.9450", "mi30x v0.5.5.post3-rocm700-mi30x-20251126 0.9450", "mi35x v0.5.3.post3-rocm700-mi35x-20251019 0.9600"],
            passed.Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task Unit_tests_take_their_result_from_the_footer_and_count_the_tests()
    {
        var rows = await seed.RowsAsync("SELECT hardware || ' ' || result, COUNT(*), COALESCE(SUM(tests_ran), 0) FROM unit_tests GROUP BY 1 ORDER BY 1");

        Assert.Equal(
            ["mi30x failed 12 24", "mi30x killed 1 0", "mi30x passed 69 138", "mi35x failed 3 6", "mi35x killed 2 0", "mi35x passed 35 70"],
            rows.Select(r => $"{r[0]} {r[1]} {r[2]}"));
        Assert.Equal(0, await seed.CountAsync("SELECT COUNT(*) FROM unit_tests WHERE result = 'killed' AND exit_code <> 137"));
    }

    [Fact]
    public async Task Coverage_reports_have_totals_and_categories_per_date()
    {
        Assert.Equal(30, await seed.CountAsync("SELECT COUNT(*) FROM coverage_reports"));
        var latest = (await seed.RowsAsync("SELECT report_date, amd_total, nvidia_total, coverage_percent FROM coverage_reports ORDER BY report_date DESC LIMIT 1"))[0];
        Assert.Equal("2025-12-09 90 158 57", string.Join(' ', latest.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));

        // 10 category rows up to 2025-11-20; from 2025-11-25 the report added three "(total test count)" summary rows.
        Assert.Equal(0, await seed.CountAsync("SELECT COUNT(*) FROM (SELECT report_date, COUNT(*) AS n FROM coverage_categories GROUP BY report_date HAVING n <> CASE WHEN report_date <= '2025-11-20' THEN 10 ELSE 13 END)"));
    }

    [Fact]
    public async Task Image_checks_and_seed_db_status_are_kept()
    {
        Assert.Equal(111, await seed.CountAsync("SELECT COUNT(DISTINCT checked_at || host) FROM image_checks"));
        Assert.Equal(88, await seed.CountAsync("SELECT COUNT(*) FROM (SELECT checked_at, host FROM image_checks GROUP BY checked_at, host HAVING SUM(status <> 'available') = 0)"));

        Assert.Equal(216, await seed.CountAsync("SELECT COUNT(*) FROM seed_status_days"));
        Assert.Equal(2154, await seed.CountAsync("SELECT COUNT(*) FROM seed_status_tasks"));
        Assert.Equal(569, await seed.CountAsync("SELECT COUNT(*) FROM seed_status_sanity"));
        Assert.Equal("2025-09-06 2025-12-19", string.Join(' ', (await seed.RowsAsync("SELECT MIN(run_date), MAX(run_date) FROM seed_status_days"))[0]));
        Assert.Equal(2939, seed.Database.Imported);
        Assert.Equal((0, 2939), (seed.DatabaseAgain.Imported, seed.DatabaseAgain.Unchanged));
    }

    [Theory]
    [MemberData(nameof(SpotChecks))]
    public async Task Individual_numbers_match_their_source_lines(string what, string sql, double expected)
    {
        var rows = await seed.RowsAsync(sql);

        var row = Assert.Single(rows);
        Assert.True(Math.Abs(Convert.ToDouble(row[0], CultureInfo.InvariantCulture) - expected) < 1e-9, $"{what}: expected {expected}, stored {row[0]}");
    }

    public static TheoryData<string, string, double> SpotChecks()
    {
        static string Client(string column, string hw, string host, string model, string mode, string tag, double load) => $"""
            SELECT p.{column} FROM benchmark_points p JOIN runs r ON r.id = p.run_id
            WHERE r.hardware = '{hw}' AND r.host = '{host}' AND r.model = '{model}' AND r.mode = '{mode}' AND r.image = 'rocm/sgl-dev:{tag}'
              AND p.load = {load.ToString(CultureInfo.InvariantCulture)} AND p.repetition = 1
            """;
        // DISTINCT: a cron log run twice for the same night (a rerun) holds the same invocation's numbers twice.
        static string Summary(string origin, string column, string hw, string host, string model, string mode, string tag, double load) => $"""
            SELECT DISTINCT p.{column} FROM summary_points p JOIN runs r ON r.id = p.run_id
            WHERE p.origin = '{origin}' AND r.hardware = '{hw}' AND r.host = '{host}' AND r.model = '{model}' AND r.mode = '{mode}'
              AND r.image = 'rocm/sgl-dev:{tag}' AND p.load = {load.ToString(CultureInfo.InvariantCulture)}
            """;
        static string Trial(string hw, string host, string model, string mode, string tag, int trial) => $"""
            SELECT t.accuracy FROM gsm8k_trials t JOIN runs r ON r.id = t.run_id
            WHERE r.hardware = '{hw}' AND r.host = '{host}' AND r.model = '{model}' AND r.mode = '{mode}' AND r.image = 'rocm/sgl-dev:{tag}' AND t.trial = {trial}
            """;
        const string T12 = "dell300x-pla-t12-38", T10 = "dell300x-pla-t10-23", M12 = "smci355-ccs-aus-m12-33";
        return new TheoryData<string, string, double>
        {
            { "client log GROK1 rate 4 median E2E (sglang_client_log_GROK1_aiter_4_run1_20251206_122954.log)", Client("e2e_median_ms", "mi30x", T12, "GROK1", "online", "v0.5.6-rocm700-mi30x-20251206", 4), 20839.75 },
            { "client log GROK2 rate 2 P99 TTFT", Client("ttft_p99_ms", "mi35x", M12, "GROK2", "online", "v0.5.6.post1-rocm700-mi35x-20251209", 2), 475.43 },
            { "client log DeepSeek-V3 c16 output throughput", Client("output_token_throughput", "mi30x", T12, "DeepSeek-V3-0324", "online", "v0.5.6.post1-rocm700-mi30x-20251209", 16), 205.01 },
            { "client log R1 MTP c64 successful requests", Client("completed", "mi35x", M12, "DeepSeek-R1-MXFP4-Preview", "online_mtp_test", "v0.5.5.post3-rocm700-mi35x-20251119", 64), 500 },
            { "client log GROK1 rate 8 median ITL", Client("itl_median_ms", "mi35x", M12, "GROK1", "online", "v0.5.6.post1-rocm700-mi35x-20251209", 8), 121.18 },
            { "CSV GROK2 rate 16 E2E", Summary("csv", "e2e_median_ms", "mi30x", T10, "GROK2", "online", "v0.5.6.post1-rocm700-mi30x-20251209", 16), 147521.59 },
            { "CSV GROK1 rate 1 TTFT", Summary("csv", "ttft_median_ms", "mi35x", M12, "GROK1", "online", "v0.5.6.post1-rocm700-mi35x-20251209", 1), 190.18 },
            { "CSV R1 DP+MTP c128 ITL", Summary("csv", "itl_median_ms", "mi35x", M12, "DeepSeek-R1-MXFP4-Preview", "online_dp_attention_mtp_test", "v0.5.5.post3-rocm700-mi35x-20251119", 128), 67.14 },
            { "timing summary DeepSeek-V3 c1 E2E", Summary("timing-summary", "e2e_median_ms", "mi30x", T12, "DeepSeek-V3-0324", "online", "v0.5.6.post1-rocm700-mi30x-20251209", 1), 19982.87 },
            { "timing summary GROK2 rate 8 ITL", Summary("timing-summary", "itl_median_ms", "mi35x", M12, "GROK2", "online", "v0.5.6.post1-rocm700-mi35x-20251209", 8), 259.63 },
            { "timing summary GROK1 rate 16 TTFT", Summary("timing-summary", "ttft_median_ms", "mi30x", T10, "GROK1", "online", "v0.5.3.post1-rocm630-mi30x-20251013", 16), 195.55 },
            { "cron log GROK1 rate 8 E2E (image 20251006 run from cron 20251007)", Summary("cron-log", "e2e_median_ms", "mi30x", T10, "GROK1", "online", "v0.5.3-rocm630-mi30x-20251006", 8), 24461.81 },
            { "cron log R1 DP c16 TTFT (host from the cron Machine line)", Summary("cron-log", "ttft_median_ms", "mi35x", "smci355-ccs-aus-m15-21.cs-aus.dcgpu", "DeepSeek-R1-MXFP4-Preview", "online_dp_attention", "v0.5.3.post1-rocm700-mi35x-20251011", 16), 2244.54 },
            { "cron log DeepSeek-V3 c128 ITL", Summary("cron-log", "itl_median_ms", "mi30x", T10, "DeepSeek-V3-0324", "online", "v0.5.3.post1-rocm630-mi30x-20251011", 128), 51.51 },
            { "GSM8K gate GROK2 trial 3", Trial("mi30x", T10, "GROK2", "online", "v0.5.3.post3-rocm700-mi30x-20251018", 3), 0.929 },
            { "GSM8K gate R1 trial 2", Trial("mi35x", M12, "DeepSeek-R1-MXFP4-Preview", "online", "v0.5.5.post3-rocm700-mi35x-20251119", 2), 0.944 },
            {
                "sanity GROK2.5 trial 2 (t10-23, 20251209)",
                "SELECT t.accuracy FROM sanity_trials t JOIN sanity_attempts a ON a.source_path = t.source_path AND a.attempt = t.attempt WHERE a.source_path LIKE '%mi30x-20251209/timing_summary_20251209_084047.log' AND a.model = 'GROK2.5' AND t.trial = 2",
                0.932
            },
            {
                "sanity GPT-OSS-120B trial 1 (no Machine line)",
                "SELECT t.accuracy FROM sanity_trials t JOIN sanity_attempts a ON a.source_path = t.source_path AND a.attempt = t.attempt WHERE a.source_path LIKE '%mi35x-20251006/timing_summary_20251006_163631.log' AND a.host = 'unknown' AND a.model = 'GPT-OSS-120B' AND t.trial = 1",
                0.844
            },
            { "PD GSM8K accuracy of a rerun", "SELECT gsm8k_accuracy FROM pd_tests WHERE hardware = 'mi30x' AND label = 'v0.5.5.post3-rocm700-mi30x-20251120_rerun2'", 0.945 },
            { "unit tests ran", "SELECT tests_ran FROM unit_tests WHERE hardware = 'mi35x' AND image = 'rocm/sgl-dev:v0.5.6.post1-rocm700-mi35x-20251209' AND host = 'smci355-ccs-aus-m12-33'", 2 },
        };
    }

    [Fact]
    public async Task Client_points_keep_every_value_their_block_printed()
    {
        // sglang_client_log_GROK1_aiter_4_run1_20251206_122954.log: "Total generated tokens: …", "Concurrency: …" have no column of their own.
        var values = (string)(await seed.RowsAsync("""
            SELECT p.block_values FROM benchmark_points p JOIN runs r ON r.id = p.run_id
            WHERE p.source_path LIKE '%sglang_client_log_GROK1_aiter_4_run1_20251206_122954.log'
            """)).Single()[0]!;
        using var json = System.Text.Json.JsonDocument.Parse(values);

        Assert.Equal("20839.75", json.RootElement.GetProperty("Median E2E Latency (ms)").GetString());
        Assert.True(json.RootElement.TryGetProperty("Total generated tokens", out _));
        Assert.Equal(0, await seed.CountAsync("SELECT COUNT(*) FROM benchmark_points WHERE block_values IS NULL OR source_path IS NULL OR source_line IS NULL"));
    }

    [Fact]
    public async Task Csv_and_cron_values_are_on_the_source_lines_they_name()
    {
        var rows = await seed.RowsAsync("SELECT source_path, source_line, e2e_median_ms FROM summary_points WHERE origin IN ('csv', 'cron-log') AND e2e_median_ms IS NOT NULL");
        var files = new Dictionary<string, string[]>(StringComparer.Ordinal);

        Assert.True(rows.Count > 2000, $"only {rows.Count} csv/cron points");
        foreach (var row in rows)
        {
            var path = (string)row[0]!;
            if (!files.TryGetValue(path, out var lines))
            {
                lines = File.ReadAllText(Path.Combine(seed.SeedRoot, path)).Split('\n');
                files[path] = lines;
            }

            var line = lines[Convert.ToInt32(row[1], CultureInfo.InvariantCulture) - 1];
            var value = Convert.ToDouble(row[2], CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture);
            Assert.True(line.Contains(value, StringComparison.Ordinal), $"{path}:{row[1]} does not hold {value}: {line}");
        }
    }

    [Fact]
    public async Task Re_importing_the_same_tree_adds_nothing()
    {
        Assert.Equal(0, seed.First.Rejected);
        Assert.Equal(1755, seed.First.Imported);
        Assert.Equal((0, 1755, 0), (seed.Second.Imported, seed.Second.Unchanged, seed.Second.Rejected));
        Assert.Equal(0, seed.Second.RowsWritten);
        var now = await seed.CountRowsAsync();
        Assert.Equal(seed.RowsAfterFirst.Where(kv => !kv.Key.StartsWith("seed_status_", StringComparison.Ordinal)), now.Where(kv => !kv.Key.StartsWith("seed_status_", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_import_report_names_what_it_left_out()
    {
        // Three folders whose meaning is unclear (two ad-hoc test folders, one backup copy) and the aborted client logs.
        var notes = seed.First.Issues.Where(i => !i.Rejected).ToList();
        Assert.Equal(3, notes.Count(i => i.Reason.Contains("meaning is unclear", StringComparison.Ordinal)));
        Assert.Contains(notes, i => i.Path.EndsWith(".backup_20251102_231834", StringComparison.Ordinal));
        Assert.All(notes.Where(i => i.Reason.Contains("Serving Benchmark Result", StringComparison.Ordinal)), i => Assert.EndsWith(".log", i.Path, StringComparison.Ordinal));
        Assert.Contains(notes, i => i.Path == "cron_log/mi35x/20251029/docker_image_check.log" && i.Reason.Contains("did not run", StringComparison.Ordinal));
        Assert.Equal(0, await seed.CountAsync("SELECT COUNT(*) FROM runs WHERE source_path LIKE '%backup%' OR source_path LIKE '%test_dp%'"));
    }

    [Fact]
    public async Task No_stored_text_holds_a_secret()
    {
        var columns = await seed.RowsAsync("""
            SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND p.type = 'TEXT' AND m.name NOT LIKE 'sqlite_%'
            """);
        foreach (var column in columns)
        {
            var values = await seed.RowsAsync($"SELECT DISTINCT \"{column[1]}\" FROM \"{column[0]}\" WHERE \"{column[1]}\" LIKE '%sig=%' OR \"{column[1]}\" LIKE '%webhook%' OR \"{column[1]}\" LIKE '%powerplatform%' OR \"{column[1]}\" LIKE '%token=%'");
            Assert.All(values, v => Assert.False(Toolkit.History.SecretRedactor.ContainsSecret((string?)v[0]), $"{column[0]}.{column[1]} holds a secret"));
        }
    }
}
