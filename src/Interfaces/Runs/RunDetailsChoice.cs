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

    /// <summary><see cref="Prefer"/>, asking for the live details only when the stored row is not final.</summary>
    public static async Task<RunDetails?> PreferAsync(RunDetails? stored, Func<Task<RunDetails?>> live)
    {
        ArgumentNullException.ThrowIfNull(live);
        return IsFinal(stored) ? stored : Prefer(stored, await live().ConfigureAwait(false));
    }
}
