using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>
/// The work of one kind of run, between getting its GPUs (when it needs them) and letting go of everything it started.
/// <see cref="RunPipeline"/> owns the lease, the pre-launch steps and the clean-up; a kind only does its own steps through
/// the <see cref="RunContext"/>, and says how the run ended from what happened, never from a line printed at the end.
/// </summary>
public interface IRunKind
{
    RunMode Mode { get; }

    /// <summary>Runs the preset's pre-launch steps (aiter lock clean-up, warm-up server) before <see cref="ExecuteAsync"/>.</summary>
    bool RunsPreLaunch { get; }

    /// <summary>Does the work. Throwing <see cref="RunFailedException"/> (or anything else) fails the run with its message.</summary>
    Task<RunOutcome> ExecuteAsync(RunContext run);
}
