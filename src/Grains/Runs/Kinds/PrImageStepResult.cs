using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Upstream.PrImages;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>How one step of a PR image run was judged: the checks to report, and either what the script said (it worked)
/// or the run's failure.</summary>
public sealed record PrImageStepResult(IReadOnlyList<RunCheckResult> Checks, PrImageOutput Output, RunOutcome? Failure)
{
    public bool Succeeded => Failure is null;

    /// <summary>The run's outcome once this step is the last: its failure, or success with <paramref name="note"/>.</summary>
    public RunOutcome Outcome(string? note = null) => Failure ?? new RunOutcome(RunStatus.Succeeded, note);
}
