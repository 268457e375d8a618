using SglangCi.Interfaces.Runs;

namespace SglangCi.Cli.Commands.Bench.Scheduling;

/// <summary>
/// One fired night of the scheduling benchmark: when the firing began, how long the schedule took to admit every job,
/// and each run's record at the end, from which the latencies are read (phase start times against the firing).
/// </summary>
public sealed record SchedulingNight(DateTimeOffset FiredAt, TimeSpan FireDuration, IReadOnlyList<RunDetails> Runs)
{
    /// <summary>Firing → the run recorded as queued on its node (admitted).</summary>
    public IEnumerable<double> AdmissionMs => Since(RunPhase.Queued);

    /// <summary>Firing → the node granting the run its GPUs.</summary>
    public IEnumerable<double> LeaseMs => Since(RunPhase.Leased);

    /// <summary>Firing → the run ended.</summary>
    public IEnumerable<double> EndMs => Runs
        .Where(r => r.Run.FinishedAt is not null)
        .Select(r => (r.Run.FinishedAt!.Value - FiredAt).TotalMilliseconds);

    public int Failed => Runs.Count(r => r.Run.Status != RunStatus.Succeeded);

    private IEnumerable<double> Since(RunPhase phase) => Runs
        .SelectMany(r => r.Phases.Where(p => p.Phase == phase).Take(1))
        .Select(p => Math.Max(0, (p.StartedAt - FiredAt).TotalMilliseconds));
}
