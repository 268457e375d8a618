namespace SglangCi.Grains.Runs.Kinds;

/// <summary>What an upstream test job uses when its options say nothing: the old <c>run_amd_tests.sh</c>'s defaults.</summary>
public static class UpstreamTestDefaults
{
    /// <summary>Where SGLang's images keep the checkout.</summary>
    public const string SglangPath = "/sgl-workspace/sglang";

    /// <summary>The old script's <c>--timeout 1800</c>, per test file.</summary>
    public static TimeSpan PerTestTimeout { get; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How upstream's AMD CI runs its tests (<c>amd_ci_exec.sh</c>): tests branch on these to pick AMD thresholds and
    /// kernels. Set on AMD hardware only; an NVIDIA node runs the tests as NVIDIA's CI does.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AmdEnvironment { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SGLANG_AMD_CI"] = "1",
        ["SGLANG_IS_IN_CI"] = "1",
        ["SGLANG_USE_AITER"] = "1",
    };

    /// <summary>AMD Instinct hardware names start with <c>mi</c> (mi30x, mi300x, mi35x, mi355x).</summary>
    public static bool IsAmd(string hardware) => hardware.StartsWith("mi", StringComparison.OrdinalIgnoreCase);
}
