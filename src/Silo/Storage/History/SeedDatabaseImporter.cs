using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SglangCi.Interfaces.History;
using SglangCi.Silo.Storage.Results;
using SglangCi.Toolkit.History;

namespace SglangCi.Silo.Storage.History;

/// <summary>
/// Imports the old CI's <c>ci_dashboard.db</c> as status history (provenance <c>seed-db</c>). The file is opened
/// read-only and its schema checked first, so a wrong file is refused with what it lacks before anything is written;
/// all rows are then written in one transaction. A row identical to the stored one counts as unchanged (the upsert's
/// WHERE clause skips it), so a re-import reports nothing new.
/// </summary>
public sealed class SeedDatabaseImporter(IResultsDatabase database, TimeProvider? time = null)
{
    public const string Days = "seed-db day";
    public const string Tasks = "seed-db task";
    public const string Sanity = "seed-db sanity result";

    private static readonly (string Table, string[] Columns)[] RequiredSchema =
    [
        ("test_runs", ["id", "run_date", "hardware", "docker_image", "overall_status", "total_tasks", "passed_tasks", "failed_tasks", "unknown_tasks", "not_run", "run_datetime_pt", "machine_name"]),
        ("benchmark_results", ["test_run_id", "benchmark_name", "status", "gsm8k_accuracy", "runtime_minutes", "error_message"]),
        ("sanity_check_results", ["test_run_id", "model_name", "status", "accuracy"]),
    ];

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<HistoryImportReport> ImportAsync(string file, IProgress<HistoryImportProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"The seed database '{file}' does not exist.", file);
        }

        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(file), Mode = SqliteOpenMode.ReadOnly }.ToString());
        await source.OpenAsync(cancellationToken);
        await CheckSchemaAsync(source, file, cancellationToken);

        var issues = new List<HistoryImportIssue>();
        var counts = new Dictionary<string, (int Imported, int Unchanged, int Rejected)>(StringComparer.Ordinal)
        {
            [Days] = default,
            [Tasks] = default,
            [Sanity] = default,
        };
        var runKeys = new Dictionary<long, (object Date, string Hardware, string Machine)>();
        var dayRows = await ReadAsync(source, """
            SELECT id, run_date, hardware, docker_image, overall_status, total_tasks, passed_tasks, failed_tasks, unknown_tasks, not_run, run_datetime_pt, machine_name
            FROM test_runs ORDER BY id;
            """, cancellationToken);
        var taskRows = await ReadAsync(source, "SELECT test_run_id, benchmark_name, status, gsm8k_accuracy, runtime_minutes, error_message FROM benchmark_results ORDER BY id;", cancellationToken);
        var sanityRows = await ReadAsync(source, "SELECT test_run_id, model_name, status, accuracy FROM sanity_check_results ORDER BY id;", cancellationToken);
        var total = dayRows.Count + taskRows.Count + sanityRows.Count;
        progress?.Report(new HistoryImportProgress(0, total, 0, 0, file));

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var dialect = database.Dialect;
        var done = 0;
        foreach (var row in dayRows)
        {
            var id = Convert.ToInt64(row[0], CultureInfo.InvariantCulture);
            if (!DateOnly.TryParseExact(row[1] as string, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Reject(Days, $"test_runs id {id}", $"run_date '{row[1]}' is not yyyyMMdd; the day and its results were left out");
                continue;
            }

            var hardware = (string)row[2]!;
            var machine = row[11] as string ?? "unknown";
            var image = Blank(row[3] as string);
            runKeys[id] = (dialect.Date(date), hardware, machine);
            var changed = await ExecuteAsync(connection, transaction, """
                INSERT INTO seed_status_days (run_date, hardware, machine, image, image_date, overall_status, total_tasks, passed_tasks, failed_tasks, unknown_tasks, not_run_tasks, run_time_label)
                VALUES (@run_date, @hardware, @machine, @image, @image_date, @overall, @total, @passed, @failed, @unknown, @not_run, @label)
                ON CONFLICT (run_date, hardware, machine) DO UPDATE SET
                    image = excluded.image, image_date = excluded.image_date, overall_status = excluded.overall_status,
                    total_tasks = excluded.total_tasks, passed_tasks = excluded.passed_tasks, failed_tasks = excluded.failed_tasks,
                    unknown_tasks = excluded.unknown_tasks, not_run_tasks = excluded.not_run_tasks, run_time_label = excluded.run_time_label
                WHERE seed_status_days.image IS DISTINCT FROM excluded.image OR seed_status_days.overall_status IS DISTINCT FROM excluded.overall_status
                   OR seed_status_days.total_tasks IS DISTINCT FROM excluded.total_tasks OR seed_status_days.passed_tasks IS DISTINCT FROM excluded.passed_tasks
                   OR seed_status_days.failed_tasks IS DISTINCT FROM excluded.failed_tasks OR seed_status_days.unknown_tasks IS DISTINCT FROM excluded.unknown_tasks
                   OR seed_status_days.not_run_tasks IS DISTINCT FROM excluded.not_run_tasks OR seed_status_days.run_time_label IS DISTINCT FROM excluded.run_time_label;
                """, c => c
                .With("@run_date", dialect.Date(date)).With("@hardware", hardware).With("@machine", machine).With("@image", image)
                .With("@image_date", ImageTag.TryParse(image, out var tag) ? dialect.Date(tag.Date) : null)
                .With("@overall", row[4]).With("@total", row[5]).With("@passed", row[6]).With("@failed", row[7]).With("@unknown", row[8])
                .With("@not_run", row[9]).With("@label", row[10]), cancellationToken);
            Count(Days, changed);
        }

        foreach (var row in taskRows)
        {
            if (!TryKey(row[0], "benchmark_results", out var key))
            {
                continue;
            }

            var changed = await ExecuteAsync(connection, transaction, """
                INSERT INTO seed_status_tasks (run_date, hardware, machine, task, status, gsm8k_accuracy, runtime_minutes, error_message)
                VALUES (@run_date, @hardware, @machine, @task, @status, @accuracy, @minutes, @error)
                ON CONFLICT (run_date, hardware, machine, task) DO UPDATE SET
                    status = excluded.status, gsm8k_accuracy = excluded.gsm8k_accuracy, runtime_minutes = excluded.runtime_minutes, error_message = excluded.error_message
                WHERE seed_status_tasks.status IS DISTINCT FROM excluded.status OR seed_status_tasks.gsm8k_accuracy IS DISTINCT FROM excluded.gsm8k_accuracy
                   OR seed_status_tasks.runtime_minutes IS DISTINCT FROM excluded.runtime_minutes OR seed_status_tasks.error_message IS DISTINCT FROM excluded.error_message;
                """, c => c
                .With("@run_date", key.Date).With("@hardware", key.Hardware).With("@machine", key.Machine).With("@task", row[1])
                .With("@status", row[2]).With("@accuracy", row[3]).With("@minutes", row[4])
                .With("@error", row[5] is string error ? SecretRedactor.Redact(error) : null), cancellationToken);
            Count(Tasks, changed);
        }

        foreach (var row in sanityRows)
        {
            if (!TryKey(row[0], "sanity_check_results", out var key))
            {
                continue;
            }

            var changed = await ExecuteAsync(connection, transaction, """
                INSERT INTO seed_status_sanity (run_date, hardware, machine, model, status, accuracy)
                VALUES (@run_date, @hardware, @machine, @model, @status, @accuracy)
                ON CONFLICT (run_date, hardware, machine, model) DO UPDATE SET status = excluded.status, accuracy = excluded.accuracy
                WHERE seed_status_sanity.status IS DISTINCT FROM excluded.status OR seed_status_sanity.accuracy IS DISTINCT FROM excluded.accuracy;
                """, c => c
                .With("@run_date", key.Date).With("@hardware", key.Hardware).With("@machine", key.Machine).With("@model", row[1])
                .With("@status", row[2]).With("@accuracy", row[3]), cancellationToken);
            Count(Sanity, changed);
        }

        await transaction.CommitAsync(cancellationToken);
        progress?.Report(new HistoryImportProgress(total, total, 0, 0, file));
        var rows = counts.Values.Sum(c => (long)c.Imported);
        return new HistoryImportReport(
            counts.ToDictionary(c => c.Key, c => new HistoryImportCounts(c.Value.Imported, c.Value.Unchanged, c.Value.Rejected), StringComparer.Ordinal),
            issues, rows, clock.Elapsed);

        void Count(string kind, bool changed)
        {
            var c = counts[kind];
            counts[kind] = changed ? c with { Imported = c.Imported + 1 } : c with { Unchanged = c.Unchanged + 1 };
            if (++done % 500 == 0)
            {
                progress?.Report(new HistoryImportProgress(done, total, 0, 0, file));
            }
        }

        void Reject(string kind, string where, string reason)
        {
            var c = counts[kind];
            counts[kind] = c with { Rejected = c.Rejected + 1 };
            issues.Add(new HistoryImportIssue($"{Path.GetFileName(file)} {where}", null, reason, Rejected: true));
        }

        bool TryKey(object? runId, string table, out (object Date, string Hardware, string Machine) key)
        {
            var id = Convert.ToInt64(runId, CultureInfo.InvariantCulture);
            if (runKeys.TryGetValue(id, out key))
            {
                return true;
            }

            Reject(table == "benchmark_results" ? Tasks : Sanity, $"{table} row of test_run_id {id}", "its test run is missing or was rejected; left out");
            return false;
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task CheckSchemaAsync(SqliteConnection source, string file, CancellationToken ct)
    {
        foreach (var (table, columns) in RequiredSchema)
        {
            var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await using var info = source.CreateCommand();
            info.CommandText = $"PRAGMA table_info(\"{table}\");";
            await using var reader = await info.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                present.Add(reader.GetString(1));
            }

            var missing = columns.Where(c => !present.Contains(c)).ToList();
            if (present.Count == 0 || missing.Count > 0)
            {
                throw new InvalidDataException(present.Count == 0
                    ? $"'{file}' is not the old CI's ci_dashboard.db: it has no table '{table}'. Nothing was imported."
                    : $"'{file}': table '{table}' lacks column(s) {string.Join(", ", missing)}. Nothing was imported.");
            }
        }
    }

    private static Task<IReadOnlyList<object?[]>> ReadAsync(SqliteConnection source, string sql, CancellationToken ct) =>
        ResultsCommands.ReadAllAsync(ResultsCommands.Create(source, null, sql), r =>
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            }

            return row;
        }, ct);

    private static async Task<bool> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, Func<DbCommand, DbCommand> bind, CancellationToken ct) =>
        await ResultsCommands.ExecuteAsync(connection, transaction, sql, bind, ct) > 0;
}
