using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>How a kind's work ended: the run's status and, unless it succeeded, why.</summary>
public readonly record struct RunOutcome(RunStatus Status, string? Reason)
{
    public static RunOutcome Succeeded { get; } = new(RunStatus.Succeeded, null);

    public static RunOutcome Failed(string reason) => new(RunStatus.Failed, reason);

    public static RunOutcome Skipped(string reason) => new(RunStatus.Skipped, reason);
}
