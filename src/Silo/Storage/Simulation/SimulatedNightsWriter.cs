using System.Data.Common;
using System.Diagnostics;
using SglangCi.Silo.Storage.Results;

namespace SglangCi.Silo.Storage.Simulation;

/// <summary>What a generation wrote.</summary>
public sealed record SimulationReport(
    DateOnly First,
    DateOnly Last,
    IReadOnlyList<string> Hardware,
    int Seed,
    int Nights,
    int Runs,
    IReadOnlyDictionary<string, int> RunsByStatus,
    int Phases,
    int Gates,
    int Trials,
    int Points,
    TimeSpan Elapsed);

/// <summary>Progress of a generation, per (hardware, night) written.</summary>
public sealed record SimulationProgress(int NightsDone, int NightsTotal, DateOnly? Night);

/// <summary>
/// Writes simulated nights into the results tables through the results store's own statements and binders (the same
/// rows a real run leaves), with provenance <see cref="Source"/> so they can be told apart and removed. Each run
/// replaces what a previous generation wrote under its id (its phases, gate, trials and points are deleted first),
/// so generating again never duplicates; runs are keyed by night and series, not by seed. One transaction per chunk
/// of nights.
/// </summary>
public sealed class SimulatedNightsWriter(IResultsDatabase database)
{
    /// <summary>The provenance of simulated runs (<c>runs.source</c>).</summary>
    public const string Source = Interfaces.Runs.RunProvenance.Simulated;

    private const int NightsPerTransaction = 32;

    private const string DeletePoints = "DELETE FROM benchmark_points WHERE run_id = @run_id;";
    private const string DeleteGate = "DELETE FROM gsm8k_gates WHERE run_id = @run_id;";
    private const string MarkSimulated = "UPDATE runs SET source = @source, source_path = NULL WHERE id = @id;";

    // Children first, the runs last: every table keyed by run id, restricted to the runs this writer made.
    private static readonly string[] DeleteAllSql =
    [
        "DELETE FROM benchmark_points WHERE run_id IN (SELECT id FROM runs WHERE source = @source);",
        "DELETE FROM gsm8k_trials WHERE run_id IN (SELECT id FROM runs WHERE source = @source);",
        "DELETE FROM gsm8k_gates WHERE run_id IN (SELECT id FROM runs WHERE source = @source);",
        "DELETE FROM run_phases WHERE run_id IN (SELECT id FROM runs WHERE source = @source);",
        "DELETE FROM runs WHERE source = @source;",
    ];

    public async Task<SimulationReport> WriteAsync(NightSimulator simulator, IProgress<SimulationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var clock = Stopwatch.StartNew();
        var dialect = database.Dialect;
        var rows = new ResultsRowWriter(dialect);
        var byStatus = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int nights = 0, runs = 0, phases = 0, gates = 0, trials = 0, points = 0;

        await using var connection = await database.OpenAsync(cancellationToken);
        progress?.Report(new SimulationProgress(0, simulator.NightCount, null));
        foreach (var chunk in simulator.Nights().Chunk(NightsPerTransaction))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var run in chunk.SelectMany(n => n.Runs))
            {
                await WriteRunAsync(connection, transaction, dialect, rows, run, cancellationToken);
                var status = ResultsWireNames.Of(run.Run.Status);
                byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
                runs++;
                phases += run.Phases.Count;
                gates += run.Gate is null ? 0 : 1;
                trials += run.Gate?.Trials.Count ?? 0;
                points += run.Points.Count;
            }

            await transaction.CommitAsync(cancellationToken);
            nights += chunk.Length;
            progress?.Report(new SimulationProgress(nights, simulator.NightCount, chunk[^1].Date));
        }

        var options = simulator.Options;
        return new SimulationReport(options.First, options.End, options.Hardware, options.Seed, nights, runs, byStatus, phases, gates, trials, points, clock.Elapsed);
    }

    /// <summary>Removes every simulated run and its rows; returns how many runs there were.</summary>
    public async Task<int> DeleteAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = 0;
        foreach (var sql in DeleteAllSql)
        {
            removed = await ResultsCommands.ExecuteAsync(connection, transaction, sql, c => c.With("@source", Source), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    private static async Task WriteRunAsync(DbConnection connection, DbTransaction transaction, IResultsDialect dialect, ResultsRowWriter rows, SimulatedRun run, CancellationToken ct)
    {
        var id = run.Run.Id;
        foreach (var delete in new[] { dialect.DeletePhases, dialect.DeleteTrials, DeleteGate, DeletePoints })
        {
            await ResultsCommands.ExecuteAsync(connection, transaction, delete, c => c.With("@run_id", id), ct);
        }

        // created_at is when the run ended, not when it was generated: the same seed gives the same rows.
        var created = run.Run.FinishedAt ?? run.Run.StartedAt ?? run.Phases[0].StartedAt;
        await ResultsCommands.ExecuteAsync(connection, transaction, dialect.UpsertRun, c => rows.Run(c, run.Run, created), ct);
        await ResultsCommands.ExecuteAsync(connection, transaction, MarkSimulated, c => c.With("@source", Source).With("@id", id), ct);
        foreach (var phase in run.Phases)
        {
            await ResultsCommands.ExecuteAsync(connection, transaction, dialect.InsertPhase, c => rows.Phase(c, id, phase), ct);
        }

        if (run.Gate is { } gate)
        {
            await ResultsCommands.ExecuteAsync(connection, transaction, dialect.UpsertGate, c => ResultsRowWriter.Gate(c, id, gate), ct);
            foreach (var trial in gate.Trials)
            {
                await ResultsCommands.ExecuteAsync(connection, transaction, dialect.InsertTrial, c => ResultsRowWriter.Trial(c, id, trial), ct);
            }
        }

        foreach (var point in run.Points)
        {
            await ResultsCommands.ExecuteAsync(connection, transaction, dialect.UpsertPoint, c => ResultsRowWriter.Point(c, id, point), ct);
        }
    }
}
