using System.Data.Common;
using SglangCi.Grains.Storage;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Silo.Storage.Results;

/// <summary>
/// <see cref="IResultsStore"/> over plain ADO.NET. Dialect-neutral: every SQL text comes from the
/// <see cref="IResultsDialect"/>, and a subclass only says how to open a connection. Each save is one
/// transaction, and every write is an upsert or a delete-then-insert of the run's own rows, so saving
/// the same thing twice leaves the same rows.
/// </summary>
public abstract class RelationalResultsStore : IResultsStore
{
    private readonly IResultsDialect _dialect;
    private readonly ResultsRowReader _read;
    private readonly ResultsRowWriter _write;
    private readonly TimeProvider _time;

    protected RelationalResultsStore(IResultsDialect dialect, TimeProvider? time = null)
    {
        _dialect = dialect;
        _read = new ResultsRowReader(dialect);
        _write = new ResultsRowWriter(dialect);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Opens a connection to a database whose schema is current.</summary>
    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    public Task SaveRunAsync(RunSummary run, IReadOnlyList<PhaseRecord> phases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(phases);
        var duplicate = phases.GroupBy(p => p.Phase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Run '{run.Id}' lists phase '{duplicate.Key.ToWireName()}' more than once.", nameof(phases));
        }

        return InTransactionAsync(async (connection, transaction, ct) =>
        {
            await using (var upsert = _write.Run(ResultsCommands.Create(connection, transaction, _dialect.UpsertRun), run, _time.GetUtcNow()))
            {
                await upsert.ExecuteNonQueryAsync(ct);
            }

            await using (var delete = ResultsCommands.Create(connection, transaction, _dialect.DeletePhases).With("@run_id", run.Id))
            {
                await delete.ExecuteNonQueryAsync(ct);
            }

            foreach (var phase in phases)
            {
                await using var insert = _write.Phase(ResultsCommands.Create(connection, transaction, _dialect.InsertPhase), run.Id, phase);
                await insert.ExecuteNonQueryAsync(ct);
            }
        }, cancellationToken);
    }

    public Task SaveGsm8kAsync(string runId, Gsm8kGateResult gate, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(gate);
        return InTransactionAsync(async (connection, transaction, ct) =>
        {
            await using (var upsert = ResultsRowWriter.Gate(ResultsCommands.Create(connection, transaction, _dialect.UpsertGate), runId, gate))
            {
                await upsert.ExecuteNonQueryAsync(ct);
            }

            await using (var delete = ResultsCommands.Create(connection, transaction, _dialect.DeleteTrials).With("@run_id", runId))
            {
                await delete.ExecuteNonQueryAsync(ct);
            }

            foreach (var trial in gate.Trials ?? [])
            {
                await using var insert = ResultsRowWriter.Trial(ResultsCommands.Create(connection, transaction, _dialect.InsertTrial), runId, trial);
                await insert.ExecuteNonQueryAsync(ct);
            }
        }, cancellationToken);
    }

    public Task SaveBenchmarkPointsAsync(string runId, IReadOnlyList<BenchmarkPointResult> points, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(points);
        return UpsertEachAsync(runId, points, _dialect.UpsertPoint, ResultsRowWriter.Point, cancellationToken);
    }

    public Task SaveOfflineResultsAsync(string runId, IReadOnlyList<OfflineResult> results, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(results);
        return UpsertEachAsync(runId, results, _dialect.UpsertOffline, ResultsRowWriter.Offline, cancellationToken);
    }

    public Task SaveChecksAsync(string runId, IReadOnlyList<RunCheckResult> checks, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(checks);
        var duplicate = checks.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Run '{runId}' lists check '{duplicate.Key}' more than once.", nameof(checks));
        }

        return InTransactionAsync(async (connection, transaction, ct) =>
        {
            await using (var delete = ResultsCommands.Create(connection, transaction, _dialect.DeleteChecks).With("@run_id", runId))
            {
                await delete.ExecuteNonQueryAsync(ct);
            }

            for (var i = 0; i < checks.Count; i++)
            {
                await using var insert = ResultsRowWriter.Check(ResultsCommands.Create(connection, transaction, _dialect.InsertCheck), runId, i, checks[i]);
                await insert.ExecuteNonQueryAsync(ct);
            }
        }, cancellationToken);
    }

    /// <summary>Upserts each row with <paramref name="sql"/> in one transaction.</summary>
    private Task UpsertEachAsync<T>(string runId, IReadOnlyList<T> rows, string sql, Func<DbCommand, string, T, DbCommand> bind, CancellationToken cancellationToken) =>
        InTransactionAsync(async (connection, transaction, ct) =>
        {
            foreach (var row in rows)
            {
                await using var upsert = bind(ResultsCommands.Create(connection, transaction, sql), runId, row);
                await upsert.ExecuteNonQueryAsync(ct);
            }
        }, cancellationToken);

    public async Task<IReadOnlyList<RunSummary>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit <= 0)
        {
            return [];
        }

        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = ResultsCommands.Create(connection, null, _dialect.QueryRuns)
            .With("@from", query.From is { } from ? _dialect.Date(from) : null)
            .With("@to", query.To is { } to ? _dialect.Date(to) : null)
            .With("@hardware", query.Hardware)
            .With("@node", query.Node)
            .With("@preset", query.Preset)
            .With("@job_key", query.JobKey)
            .With("@limit", query.Limit);
        return await ReadAllAsync(command, _read.Run, cancellationToken);
    }

    public async Task<IReadOnlyList<RunDay>> QueryRunDaysAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = ResultsCommands.Create(connection, null, _dialect.QueryRunDays)
            .With("@from", from is { } f ? _dialect.Date(f) : null)
            .With("@to", to is { } t ? _dialect.Date(t) : null);
        return await ReadAllAsync(command, _read.Day, cancellationToken);
    }

    public async Task<RunDetails?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        await using var connection = await OpenConnectionAsync(cancellationToken);

        // One read transaction, so the run, its gate and its points are one consistent snapshot.
        await using var transaction = await BeginReadTransactionAsync(connection, cancellationToken);
        var run = (await ReadAllAsync(Select(_dialect.SelectRun), _read.Run, cancellationToken)).SingleOrDefault();
        if (run is null)
        {
            return null;
        }

        var phases = (await ReadAllAsync(Select(_dialect.SelectPhases), _read.Phase, cancellationToken)).OrderBy(p => p.Phase).ToList();
        var trials = await ReadAllAsync(Select(_dialect.SelectTrials), ResultsRowReader.Trial, cancellationToken);
        var gate = (await ReadAllAsync(Select(_dialect.SelectGate), r => _read.Gate(r, trials), cancellationToken)).SingleOrDefault();
        var points = await ReadAllAsync(Select(_dialect.SelectPoints), ResultsRowReader.Point, cancellationToken);
        var offline = await ReadAllAsync(Select(_dialect.SelectOffline), ResultsRowReader.Offline, cancellationToken);
        var summaries = await ReadAllAsync(Select(_dialect.SelectSummaryPoints), ResultsRowReader.SummaryPoint, cancellationToken);
        var provenance = (await ReadAllAsync(Select(_dialect.SelectProvenance), ResultsRowReader.Provenance, cancellationToken)).Single();
        var checks = await ReadAllAsync(Select(_dialect.SelectChecks), ResultsRowReader.Check, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RunDetails(run, phases, gate, points) { Offline = offline, SummaryPoints = summaries, Provenance = provenance, Checks = checks };

        DbCommand Select(string sql) => ResultsCommands.Create(connection, transaction, sql).With("@run_id", runId);
    }

    /// <summary>A transaction that only reads; dialects may make it lighter than a write transaction.</summary>
    protected virtual async Task<DbTransaction> BeginReadTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    private async Task InTransactionAsync(Func<DbConnection, DbTransaction, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await work(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static Task<IReadOnlyList<T>> ReadAllAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken) =>
        ResultsCommands.ReadAllAsync(command, map, cancellationToken);
}
