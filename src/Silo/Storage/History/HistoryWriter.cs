using System.Data.Common;
using System.Text.Json;
using SglangCi.Silo.Storage.Results;
using SglangCi.Toolkit.History;
using SglangCi.Toolkit.History.Records;

namespace SglangCi.Silo.Storage.History;

/// <summary>
/// Writes one <see cref="HistoryBatch"/> inside the caller's transaction. Every statement is an upsert keyed by what
/// the row means (run id, point key, origin), so writing a batch twice leaves the same rows; a run first known from
/// a cron log never overwrites the same run read from its result folder. SQL is plain <c>INSERT … ON CONFLICT</c>,
/// which SQLite and PostgreSQL both speak; values travel through the results dialect.
/// </summary>
internal sealed class HistoryWriter(IResultsDialect dialect)
{
    private readonly ResultsRowWriter _rows = new(dialect);
    private readonly TestHistoryWriter _tests = new(dialect);

    public async Task<IReadOnlyList<ImportIssue>> WriteAsync(DbConnection connection, DbTransaction transaction, HistoryBatch batch, DateTimeOffset now, CancellationToken ct)
    {
        var issues = new List<ImportIssue>();
        foreach (var run in batch.Runs)
        {
            await RunAsync(connection, transaction, run, now, ct);
        }

        foreach (var run in batch.WeakRuns)
        {
            await using var exists = ResultsCommands.Create(connection, transaction, "SELECT COUNT(*) FROM runs WHERE id = @id;").With("@id", run.Id);
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                await RunAsync(connection, transaction, run, now, ct);
            }
        }

        foreach (var point in batch.ClientPoints)
        {
            var (mapped, missing) = SeedRunMapping.Point(point);
            if (mapped is null)
            {
                issues.Add(new ImportIssue(point.Source.Path, point.Source.Line, $"the result block lacks '{missing}'; this point was left out", Rejected: false));
                continue;
            }

            await using (var upsert = ResultsRowWriter.Point(ResultsCommands.Create(connection, transaction, dialect.UpsertPoint), point.RunId, mapped))
            {
                await upsert.ExecuteNonQueryAsync(ct);
            }

            await ResultsCommands.ExecuteAsync(connection, transaction, """
                UPDATE benchmark_points SET source_path = @path, source_line = @line, run_completed = @completed, block_values = @values
                WHERE run_id = @run_id AND load_kind = @load_kind AND load = @load AND repetition = @repetition;
                """, c => c
                .With("@path", point.Source.Path).With("@line", point.Source.Line).With("@completed", point.RunCompleted ? 1 : 0)
                .With("@values", JsonSerializer.Serialize(point.Result.Values))
                .With("@run_id", point.RunId).With("@load_kind", point.LoadKind).With("@load", point.Load).With("@repetition", point.Repetition), ct);
        }

        foreach (var point in batch.MedianPoints)
        {
            await ResultsCommands.ExecuteAsync(connection, transaction, """
                INSERT INTO summary_points (run_id, origin, load_kind, load, e2e_median_ms, ttft_median_ms, itl_median_ms, source_path, source_line)
                VALUES (@run_id, @origin, @load_kind, @load, @e2e, @ttft, @itl, @path, @line)
                ON CONFLICT (run_id, origin, load_kind, load) DO UPDATE SET
                    e2e_median_ms = excluded.e2e_median_ms, ttft_median_ms = excluded.ttft_median_ms, itl_median_ms = excluded.itl_median_ms,
                    source_path = excluded.source_path, source_line = excluded.source_line;
                """, c => c
                .With("@run_id", point.RunId).With("@origin", point.Origin).With("@load_kind", point.LoadKind).With("@load", point.Load)
                .With("@e2e", point.E2eMedianMs).With("@ttft", point.TtftMedianMs).With("@itl", point.ItlMedianMs)
                .With("@path", point.Source.Path).With("@line", point.Source.Line), ct);
        }

        foreach (var gate in batch.Gates)
        {
            await GateAsync(connection, transaction, gate, issues, ct);
        }

        foreach (var check in batch.ImageChecks)
        {
            await ResultsCommands.ExecuteAsync(connection, transaction, """
                INSERT INTO image_checks (checked_at, host, hardware, image_date, status, image, source_path, source_line)
                VALUES (@checked_at, @host, @hardware, @image_date, @status, @image, @path, @line)
                ON CONFLICT (checked_at, host, hardware) DO UPDATE SET
                    image_date = excluded.image_date, status = excluded.status, image = excluded.image,
                    source_path = excluded.source_path, source_line = excluded.source_line;
                """, c => c
                .With("@checked_at", dialect.Timestamp(check.CheckedAt)).With("@host", check.Host).With("@hardware", check.Hardware)
                .With("@image_date", dialect.Date(check.ImageDate)).With("@status", check.Status).With("@image", check.Image)
                .With("@path", check.Source.Path).With("@line", check.Source.Line), ct);
        }

        await _tests.WriteAsync(connection, transaction, batch, ct);
        return issues;
    }

    private async Task RunAsync(DbConnection connection, DbTransaction transaction, HistoryRun run, DateTimeOffset now, CancellationToken ct)
    {
        await using (var upsert = _rows.Run(ResultsCommands.Create(connection, transaction, dialect.UpsertRun), SeedRunMapping.Run(run), now))
        {
            await upsert.ExecuteNonQueryAsync(ct);
        }

        await ResultsCommands.ExecuteAsync(connection, transaction, "UPDATE runs SET source = @source, source_path = @path WHERE id = @id;", c => c
            .With("@source", SeedRunMapping.Source).With("@path", run.SourcePath).With("@id", run.Id), ct);
    }

    private async Task GateAsync(DbConnection connection, DbTransaction transaction, HistoryGate gate, List<ImportIssue> issues, CancellationToken ct)
    {
        if (gate.Threshold is { } threshold)
        {
            await using (var upsert = ResultsRowWriter.Gate(ResultsCommands.Create(connection, transaction, dialect.UpsertGate), gate.RunId, SeedRunMapping.Gate(gate, threshold)))
            {
                await upsert.ExecuteNonQueryAsync(ct);
            }

            await ResultsCommands.ExecuteAsync(connection, transaction, "UPDATE gsm8k_gates SET source_path = @path, source_line = @line WHERE run_id = @run_id;", c => c
                .With("@path", gate.Source.Path).With("@line", gate.Source.Line).With("@run_id", gate.RunId), ct);
        }

        await using (var delete = ResultsCommands.Create(connection, transaction, dialect.DeleteTrials).With("@run_id", gate.RunId))
        {
            await delete.ExecuteNonQueryAsync(ct);
        }

        // A gate log that was appended to by a rerun numbers its trials again from 1: the later trial wins.
        foreach (var trial in gate.Trials)
        {
            if (trial.Invalid is null || trial.LatencyS is null || trial.Questions is null)
            {
                issues.Add(new ImportIssue(trial.Source.Path, trial.Source.Line,
                    "a GSM8K trial without its 'Invalid:', 'Latency:' line or question count; this trial was left out", Rejected: false));
                continue;
            }

            await ResultsCommands.ExecuteAsync(connection, transaction, """
                INSERT INTO gsm8k_trials (run_id, trial, accuracy, invalid, latency_s, output_throughput, questions, included, source_line)
                VALUES (@run_id, @trial, @accuracy, @invalid, @latency_s, @output_throughput, @questions, @included, @line)
                ON CONFLICT (run_id, trial) DO UPDATE SET
                    accuracy = excluded.accuracy, invalid = excluded.invalid, latency_s = excluded.latency_s, output_throughput = excluded.output_throughput,
                    questions = excluded.questions, included = excluded.included, source_line = excluded.source_line;
                """, c => c
                .With("@run_id", gate.RunId).With("@trial", trial.Trial).With("@accuracy", trial.Accuracy).With("@invalid", trial.Invalid)
                .With("@latency_s", trial.LatencyS).With("@output_throughput", trial.OutputThroughput).With("@questions", trial.Questions)
                .With("@included", trial.Included is { } included ? included ? 1 : 0 : null).With("@line", trial.Source.Line), ct);
        }
    }
}
