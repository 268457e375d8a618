using System.Data.Common;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Silo.Storage.Results;

/// <summary>The results tables' SQL for SQLite (schema: <c>Sql/sqlite/0002_results.sql</c>, <c>0003_offline_results.sql</c>).</summary>
public sealed class SqliteResultsDialect : IResultsDialect
{
    public static SqliteResultsDialect Instance { get; } = new();

    private const string RunColumns =
        "id, preset, preset_version, model, node, host, hardware, mode, image, image_date, status, reason, phase, \"trigger\", started_at, finished_at, job_key";

    private static readonly string PointColumns = string.Join(", ", BenchmarkPointColumns.All);

    public string UpsertRun => $"""
        INSERT INTO runs ({RunColumns}, created_at)
        VALUES (@id, @preset, @preset_version, @model, @node, @host, @hardware, @mode, @image, @image_date, @status,
                @reason, @phase, @trigger, @started_at, @finished_at, @job_key, @created_at)
        ON CONFLICT (id) DO UPDATE SET
            preset = excluded.preset, preset_version = excluded.preset_version, model = excluded.model,
            node = excluded.node, host = excluded.host, hardware = excluded.hardware, mode = excluded.mode,
            image = excluded.image, image_date = excluded.image_date, status = excluded.status,
            reason = excluded.reason, phase = excluded.phase, "trigger" = excluded."trigger",
            started_at = excluded.started_at, finished_at = excluded.finished_at, job_key = excluded.job_key;
        """;

    public string DeletePhases => "DELETE FROM run_phases WHERE run_id = @run_id;";

    public string InsertPhase => """
        INSERT INTO run_phases (run_id, phase, started_at, finished_at, status)
        VALUES (@run_id, @phase, @started_at, @finished_at, @status);
        """;

    public string UpsertGate => """
        INSERT INTO gsm8k_gates (run_id, threshold, accuracy, invalid, passed, rule)
        VALUES (@run_id, @threshold, @accuracy, @invalid, @passed, @rule)
        ON CONFLICT (run_id) DO UPDATE SET
            threshold = excluded.threshold, accuracy = excluded.accuracy, invalid = excluded.invalid,
            passed = excluded.passed, rule = excluded.rule;
        """;

    public string DeleteTrials => "DELETE FROM gsm8k_trials WHERE run_id = @run_id;";

    public string InsertTrial => """
        INSERT INTO gsm8k_trials (run_id, trial, accuracy, invalid, latency_s, output_throughput, questions)
        VALUES (@run_id, @trial, @accuracy, @invalid, @latency_s, @output_throughput, @questions);
        """;

    // Every column but the key is replaced, so re-saving a point is the same as saving it once.
    public string UpsertPoint => $"""
        INSERT INTO benchmark_points ({PointColumns})
        VALUES ({string.Join(", ", BenchmarkPointColumns.All.Select(static c => "@" + c))})
        ON CONFLICT ({string.Join(", ", BenchmarkPointColumns.Key)}) DO UPDATE SET
            {string.Join(", ", BenchmarkPointColumns.NonKey.Select(static c => $"{c} = excluded.{c}"))};
        """;

    private const string OfflineColumns =
        "run_id, batch_size, input_len, output_len, prefill_latency_s, prefill_throughput, decode_median_latency_s, "
        + "decode_median_throughput, total_latency_s, total_throughput";

    public string UpsertOffline => $"""
        INSERT INTO offline_results ({OfflineColumns})
        VALUES (@run_id, @batch_size, @input_len, @output_len, @prefill_latency_s, @prefill_throughput,
                @decode_median_latency_s, @decode_median_throughput, @total_latency_s, @total_throughput)
        ON CONFLICT (run_id, batch_size, input_len, output_len) DO UPDATE SET
            prefill_latency_s = excluded.prefill_latency_s, prefill_throughput = excluded.prefill_throughput,
            decode_median_latency_s = excluded.decode_median_latency_s,
            decode_median_throughput = excluded.decode_median_throughput,
            total_latency_s = excluded.total_latency_s, total_throughput = excluded.total_throughput;
        """;

    public string SelectOffline => $"""
        SELECT {OfflineColumns} FROM offline_results WHERE run_id = @run_id
        ORDER BY input_len, output_len, batch_size;
        """;

    public string SelectSummaryPoints => """
        SELECT origin, load_kind, load, e2e_median_ms, ttft_median_ms, itl_median_ms, source_path, source_line
        FROM summary_points WHERE run_id = @run_id
        ORDER BY origin, load_kind, load;
        """;

    public string SelectProvenance => "SELECT source, source_path FROM runs WHERE id = @run_id;";

    public string QueryRunDays => """
        SELECT COALESCE(image_date, date(started_at)) AS day, COUNT(*) AS runs, SUM(status = 'failed') AS failed
        FROM runs
        WHERE COALESCE(image_date, date(started_at)) IS NOT NULL
          AND (@from IS NULL OR COALESCE(image_date, date(started_at)) >= @from)
          AND (@to IS NULL OR COALESCE(image_date, date(started_at)) <= @to)
        GROUP BY day
        ORDER BY day DESC;
        """;

    public string DeleteChecks => "DELETE FROM run_checks WHERE run_id = @run_id;";

    public string InsertCheck => """
        INSERT INTO run_checks (run_id, ordinal, name, status, value, duration_s, detail)
        VALUES (@run_id, @ordinal, @name, @status, @value, @duration_s, @detail);
        """;

    public string SelectChecks => "SELECT name, status, value, duration_s, detail FROM run_checks WHERE run_id = @run_id ORDER BY ordinal;";

    public string SelectRun => $"SELECT {RunColumns} FROM runs WHERE id = @run_id;";

    public string SelectPhases => "SELECT phase, started_at, finished_at, status FROM run_phases WHERE run_id = @run_id;";

    public string SelectGate => "SELECT threshold, accuracy, invalid, passed, rule FROM gsm8k_gates WHERE run_id = @run_id;";

    public string SelectTrials => """
        SELECT trial, accuracy, invalid, latency_s, output_throughput, questions
        FROM gsm8k_trials WHERE run_id = @run_id ORDER BY trial;
        """;

    public string SelectPoints => $"""
        SELECT {PointColumns} FROM benchmark_points WHERE run_id = @run_id
        ORDER BY load_kind, load, repetition;
        """;

    // The day a run stands for is its image date when it has one, else the UTC day it started; both are
    // yyyy-MM-dd text, so the range test is a text comparison. A run with neither matches no date filter.
    public string QueryRuns => $"""
        SELECT {RunColumns} FROM runs
        WHERE (@from IS NULL OR COALESCE(image_date, date(started_at)) >= @from)
          AND (@to IS NULL OR COALESCE(image_date, date(started_at)) <= @to)
          AND (@hardware IS NULL OR hardware = @hardware)
          AND (@node IS NULL OR node = @node)
          AND (@preset IS NULL OR preset = @preset)
          AND (@job_key IS NULL OR job_key = @job_key)
        ORDER BY COALESCE(started_at, created_at) DESC, id DESC
        LIMIT @limit;
        """;

    public object Timestamp(DateTimeOffset value) => SqliteValues.Timestamp(value);

    public DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) => SqliteValues.ParseTimestamp(reader.GetString(ordinal));

    public object Date(DateOnly value) => SqliteValues.Date(value);

    public DateOnly ReadDate(DbDataReader reader, int ordinal) => SqliteValues.ParseDate(reader.GetString(ordinal));
}
