using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Storage;

/// <summary>
/// The results tables (runs, phases, GSM8K trials, benchmark points). History views and queries read these,
/// never grain state. Every write is idempotent and transactional, so a retried or resumed run never
/// duplicates or half-writes a result. Implemented per SQL dialect in the Silo.
/// </summary>
public interface IResultsStore
{
    /// <summary>Inserts or updates the run row and replaces its phase rows.</summary>
    Task SaveRunAsync(RunSummary run, IReadOnlyList<PhaseRecord> phases, CancellationToken cancellationToken);

    /// <summary>Replaces the run's GSM8K gate and trials.</summary>
    Task SaveGsm8kAsync(string runId, Gsm8kGateResult gate, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the given points, keyed by (run, load kind, load, repetition).</summary>
    Task SaveBenchmarkPointsAsync(string runId, IReadOnlyList<BenchmarkPointResult> points, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the given offline cases, keyed by (run, batch size, input length, output length).</summary>
    Task SaveOfflineResultsAsync(string runId, IReadOnlyList<OfflineResult> results, CancellationToken cancellationToken);

    /// <summary>Replaces the run's checks with <paramref name="checks"/> (their order is kept).</summary>
    Task SaveChecksAsync(string runId, IReadOnlyList<RunCheckResult> checks, CancellationToken cancellationToken);

    Task<IReadOnlyList<RunSummary>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken);

    /// <summary>The days that have runs (image date, else start date), newest first, with their run and failure counts.</summary>
    Task<IReadOnlyList<RunDay>> QueryRunDaysAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken);

    Task<RunDetails?> GetRunAsync(string runId, CancellationToken cancellationToken);
}
