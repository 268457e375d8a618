namespace SglangCi.Interfaces.Runs;

/// <summary>
/// Which record of a run to show when both the results tables and the run grain may know it: the stored row
/// once it is terminal (the results tables are the record of history), otherwise the grain's live details,
/// falling back to whichever of the two exists. The CLI and the dashboard both follow this one rule.
/// </summary>
public static class RunDetailsChoice
{
    /// <summary>True when <paramref name="stored"/> is final, so the run grain need not be asked.</summary>
    public static bool IsFinal(RunDetails? stored) => stored is not null && stored.Run.Status.IsTerminal();

    /// <summary>The record to show, given the stored row and the grain's details (either may be null).</summary>
    public static RunDetails? Prefer(RunDetails? stored, RunDetails? live) => IsFinal(stored) ? stored : live ?? stored;

    /// <summary>
    /// How long the run grain may take to answer before the stored row is shown instead: a run lives on its node's silo,
    /// and while that host is down (or not yet known to be) asking it would fail or hang for the whole call timeout.
    /// </summary>
    public static readonly TimeSpan LiveTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <see cref="Prefer"/>, asking for the live details only when the stored row is not final; when the run grain cannot
    /// answer (its silo is down) the stored row is the answer, and only a run with no stored row reports the failure.
    /// </summary>
    public static async Task<RunDetails?> PreferAsync(RunDetails? stored, Func<Task<RunDetails?>> live)
    {
        ArgumentNullException.ThrowIfNull(live);
        if (IsFinal(stored))
        {
            return stored;
        }

        try
        {
            return Prefer(stored, await live().WaitAsync(LiveTimeout).ConfigureAwait(false));
        }
        catch (Exception) when (stored is not null)
        {
            return stored;
        }
    }
}
