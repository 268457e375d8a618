namespace SglangCi.Grains.Runs;

/// <summary>Server arguments of a warm-up server: the launch's flags with the step's same-named flags replaced (pure).</summary>
public static class PreLaunchArgs
{
    /// <summary>
    /// <paramref name="launchArgs"/> without every flag <paramref name="overrides"/> names (with its values), then
    /// <paramref name="overrides"/>. A flag is a token starting with <c>-</c>; its values are the tokens up to the next
    /// flag; <c>--flag=value</c> counts as <c>--flag</c>.
    /// </summary>
    public static IReadOnlyList<string> Merge(IReadOnlyList<string> launchArgs, IReadOnlyList<string>? overrides)
    {
        ArgumentNullException.ThrowIfNull(launchArgs);
        if (overrides is not { Count: > 0 })
        {
            return launchArgs;
        }

        var replaced = overrides.Where(IsFlag).Select(FlagName).ToHashSet(StringComparer.Ordinal);
        var merged = new List<string>(launchArgs.Count + overrides.Count);
        var dropping = false;
        foreach (var arg in launchArgs)
        {
            if (IsFlag(arg))
            {
                dropping = replaced.Contains(FlagName(arg));
            }

            if (!dropping)
            {
                merged.Add(arg);
            }
        }

        merged.AddRange(overrides);
        return merged;
    }

    // "-1" is a value (a negative number), not a flag.
    private static bool IsFlag(string arg) => arg.Length > 1 && arg[0] == '-' && !char.IsDigit(arg[1]) && arg[1] != '.';

    private static string FlagName(string arg) => arg.Split('=', 2)[0];
}
