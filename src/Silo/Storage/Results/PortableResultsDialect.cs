using System.Data.Common;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Silo.Storage.Results;

/// <summary>
/// The results tables' SQL in the subset SQLite and PostgreSQL both speak, which is all of it but the catalog and the
/// change counter (<see cref="SqliteResultsDialect"/>, <see cref="PostgresResultsDialect"/>). The rules that keep it
/// portable, and why:
/// <list type="bullet">
/// <item>Times and dates are the same fixed-width ISO-8601 UTC text on both (<c>Sql/postgres/0002_results.sql</c> says
/// why), so ranges are text comparisons and a run's day is <see cref="RunDay"/>, not SQLite's <c>date()</c>.</item>
/// <item>A parameter tested only against NULL is written <c>CAST(@p AS TEXT) IS NULL</c>: Npgsql sends a null untyped,
/// and PostgreSQL refuses a parameter whose type nothing in the statement decides.</item>
/// <item>Counting is <c>SUM(CASE … THEN 1 ELSE 0 END)</c> (PostgreSQL cannot sum a boolean), and an ORDER BY over a
/// nullable column says NULLS FIRST or LAST (SQLite sorts NULL lowest, PostgreSQL highest).</item>
/// </list>
/// </summary>
public abstract class PortableResultsDialect : IResultsDialect
{
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

    /// <summary>
    /// The day a run stands for: its image date when it has one, else the UTC day it started (the first ten characters
    /// of its ISO text). Both engines index exactly this expression (<c>ix_runs_day_status</c>, <c>ix_runs_hardware_day</c>),
    /// so every query spells it through here.
    /// </summary>
    /// <param name="qualifier">The table alias the query uses for <c>runs</c>, or empty.</param>
    public static string RunDay(string qualifier = "") =>
        qualifier.Length == 0
            ? "COALESCE(image_date, substr(started_at, 1, 10))"
            : $"COALESCE({qualifier}.image_date, substr({qualifier}.started_at, 1, 10))";

    // The counts are cast so both engines return a 32-bit integer (PostgreSQL's COUNT and SUM return bigint).
    public string QueryRunDays => $"""
        SELECT {RunDay()} AS day, CAST(COUNT(*) AS INTEGER) AS runs,
               CAST(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS INTEGER) AS failed
        FROM runs
        WHERE {RunDay()} IS NOT NULL
          AND (CAST(@from AS TEXT) IS NULL OR {RunDay()} >= @from)
          AND (CAST(@to AS TEXT) IS NULL OR {RunDay()} <= @to)
        GROUP BY {RunDay()}
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

    // The run's day and the bounds are yyyy-MM-dd text, so the range test is a text comparison. A run with neither an
    // image date nor a start matches no date filter.
    public string QueryRuns => $"""
        SELECT {RunColumns} FROM runs
        WHERE (CAST(@from AS TEXT) IS NULL OR {RunDay()} >= @from)
          AND (CAST(@to AS TEXT) IS NULL OR {RunDay()} <= @to)
          AND (CAST(@hardware AS TEXT) IS NULL OR hardware = @hardware)
          AND (CAST(@node AS TEXT) IS NULL OR node = @node)
          AND (CAST(@preset AS TEXT) IS NULL OR preset = @preset)
          AND (CAST(@job_key AS TEXT) IS NULL OR job_key = @job_key)
        ORDER BY COALESCE(started_at, created_at) DESC, id DESC
        LIMIT @limit;
        """;

    /// <summary>
    /// The catalog as the SQL explorer lists it: one row per column of every table and view, ordered by object name
    /// (ordinal) then column position: object name, <c>table</c> or <c>view</c>, column name, declared type, not-null
    /// (0/1), part of the primary key (0/1).
    /// </summary>
    public abstract string CatalogSql { get; }

    /// <summary>
    /// A number that changes whenever another connection commits a change to the results tables, read on one
    /// connection kept for that; null when the engine offers none cheap enough to ask on every read.
    /// </summary>
    public abstract string? ChangeVersionSql { get; }

    // SqliteValues' text formats are the results tables' formats on both engines.
    public object Timestamp(DateTimeOffset value) => SqliteValues.Timestamp(value);

    public DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) => SqliteValues.ParseTimestamp(reader.GetString(ordinal));

    public object Date(DateOnly value) => SqliteValues.Date(value);

    public DateOnly ReadDate(DbDataReader reader, int ordinal) => SqliteValues.ParseDate(reader.GetString(ordinal));
}
