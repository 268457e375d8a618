namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// The one rule, for both registry eras, that keeps NVIDIA suites bound to hardware AMD has no counterpart for out of
/// the comparison: a suite whose name has one of <see cref="Tokens"/> as a <c>-</c>/<c>_</c>-separated token. The old
/// <c>compare_suites.py</c> never paired such suites (era A's <c>per-commit-4-gpu-b200</c>, <c>-8-gpu-h20</c>,
/// <c>-deepep</c>); applying the same list to era B (<c>stage-c-test-4-gpu-b200</c>, <c>-gb200</c>,
/// <c>stage-c-test-8-gpu-h20</c>, <c>stage-c-test-deepep-8-gpu-h200</c>, <c>nightly-8-gpu-b200</c>, GB300 suites)
/// keeps the per-GPU rows from jumping when the registry changed layout.
/// </summary>
/// <remarks>
/// <c>h200</c> is deliberately not a token: H200 is NVIDIA's standard 8-GPU runner, and the old tool's 8-GPU pair was
/// <c>per-commit-8-gpu-h200</c> against <c>per-commit-8-gpu-amd</c>; era B's <c>stage-c-test-8-gpu-h200</c> is its
/// successor. (The nightly-models count has its own, older list, see <see cref="NightlyModelCounter"/>.)
/// </remarks>
public static class HardwareSpecificSuites
{
    public static readonly IReadOnlyList<string> Tokens = ["b200", "gb200", "b300", "gb300", "h20", "deepep"];

    /// <summary>The hardware token the suite's name carries, or null for a suite on standard runners.</summary>
    public static string? Token(string suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var tokens = suite.ToLowerInvariant().Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries);
        return Tokens.FirstOrDefault(tokens.Contains);
    }

    /// <summary>The "not compared" reason a report shows for such a suite.</summary>
    public static string Reason(string token) => $"hardware-specific NVIDIA runner ({token}) without an AMD counterpart";
}
