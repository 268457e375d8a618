namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// Failed requests summarised as distinct reasons with counts, most frequent first (ties by text), so the
/// CLI's JSON and a run's stored points list the same reasons in the same order.
/// </summary>
public static class FailureTally
{
    public static IReadOnlyList<(string Reason, int Count)> Top(IEnumerable<string> errors, int max)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors
            .GroupBy(e => e, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(max)
            .Select(g => (g.Key, g.Count()))
            .ToList();
    }
}
