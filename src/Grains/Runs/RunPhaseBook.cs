using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>
/// How a run's phase list and summary move: entering a phase closes the one before it, finishing closes the
/// running phase with the run's outcome. Pure, so the rules are tested without a cluster.
/// </summary>
public static class RunPhaseBook
{
    /// <summary>Enters <paramref name="phase"/> (a repeat is ignored). The first phase after the queue starts the clock.</summary>
    public static void Enter(RunState run, RunPhase phase, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        var running = run.Phases.FindLastIndex(p => p.Status == PhaseStatus.Running);
        if (running >= 0)
        {
            if (run.Phases[running].Phase == phase)
            {
                return;
            }

            run.Phases[running] = run.Phases[running] with { FinishedAt = now, Status = PhaseStatus.Succeeded };
        }

        run.Phases.Add(new PhaseRecord(phase, now, null, PhaseStatus.Running));

        // A run starts when it gets its GPUs; the time spent queued is not run time (the Queued phase keeps it).
        var summary = run.Summary!;
        run.Summary = summary with { Phase = phase, Status = RunStatus.Running, StartedAt = summary.StartedAt ?? now };
    }

    /// <summary>Records <paramref name="phase"/> as passed over (started and finished now, <see cref="PhaseStatus.Skipped"/>);
    /// the running phase and the summary's phase stay. A repeat is ignored.</summary>
    public static void Skip(RunState run, RunPhase phase, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Phases.Exists(p => p.Phase == phase))
        {
            return;
        }

        run.Phases.Add(new PhaseRecord(phase, now, now, PhaseStatus.Skipped));
    }

    /// <summary>
    /// Ends the run: the running phase takes the outcome, a success adds Done, a failure or a skip adds the end-of-run
    /// alert, except a skip <paramref name="decidedBeforeRunning"/> (a schedule's image rule: the image check job already
    /// says the image is missing, one alert per job would only repeat it).
    /// </summary>
    public static void Finish(RunState run, RunStatus status, string? reason, DateTimeOffset now, bool decidedBeforeRunning = false)
    {
        ArgumentNullException.ThrowIfNull(run);
        var running = run.Phases.FindLastIndex(p => p.Status == PhaseStatus.Running);
        if (running >= 0)
        {
            run.Phases[running] = run.Phases[running] with { FinishedAt = now, Status = PhaseOutcome(status) };
        }

        var phase = run.Summary!.Phase;
        if (status == RunStatus.Succeeded)
        {
            run.Phases.Add(new PhaseRecord(RunPhase.Done, now, now, PhaseStatus.Succeeded));
            phase = RunPhase.Done;
        }

        run.Summary = run.Summary with { Status = status, Reason = reason, FinishedAt = now, Phase = phase };
        if (status is RunStatus.Failed || (status is RunStatus.Skipped && !decidedBeforeRunning))
        {
            run.Alerts.Add(RunAlerts.For(run.Summary, now));
        }

        run.AlertPending = run.Alerts.Count > 0;
    }

    /// <summary>A skipped run's last phase did its job (the gate said no), so it shows as skipped, not failed.</summary>
    public static PhaseStatus PhaseOutcome(RunStatus status) => status switch
    {
        RunStatus.Succeeded => PhaseStatus.Succeeded,
        RunStatus.Skipped => PhaseStatus.Skipped,
        _ => PhaseStatus.Failed,
    };
}
