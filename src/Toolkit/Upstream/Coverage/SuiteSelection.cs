using System.Text.RegularExpressions;

namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// Decides which suites take part in the NVIDIA-vs-AMD comparison. In both eras, NVIDIA suites on hardware-specific
/// runners (<see cref="HardwareSpecificSuites"/>: b200, gb200, gb300, h20, deepep, …) are not compared — one rule, so a
/// row does not jump when the registry changes layout. Beyond that, era B compares every NVIDIA and AMD suite; era A
/// follows the old tool's pairs so its numbers stay comparable: NVIDIA <c>per-commit</c>,
/// <c>per-commit-&lt;N&gt;-gpu</c> and <c>per-commit-8-gpu-h200</c> against every AMD per-commit suite (MI300 and MI355
/// together), and the plain <c>nightly[-&lt;N&gt;-gpu]</c> suites against the AMD nightly ones; other suites
/// (vllm_dependency_test) are listed as not compared.
/// </summary>
public static partial class SuiteSelection
{
    /// <summary>Null when the test is compared; otherwise why not, for the report.</summary>
    public static string? NotComparedReason(RegisteredTest test, SuiteClass suiteClass)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(suiteClass);
        if (suiteClass.Platform == CiPlatform.Other)
        {
            return "neither NVIDIA nor AMD";
        }

        if (suiteClass.Platform == CiPlatform.Nvidia && HardwareSpecificSuites.Token(test.Suite) is { } hardware)
        {
            return HardwareSpecificSuites.Reason(hardware);
        }

        if (test.Layout != RegistryLayout.SuiteDictionary)
        {
            return null;
        }

        var compared = suiteClass.Platform == CiPlatform.Amd
            ? test.Suite.StartsWith("per-commit", StringComparison.Ordinal) || test.Suite.StartsWith("nightly", StringComparison.Ordinal)
            : EraANvidiaSuite().IsMatch(test.Suite);
        return compared ? null : "era A: not one of the suites the old compare_suites.py paired";
    }

    [GeneratedRegex(@"^(per-commit(-\d+-gpu)?(-h200)?|nightly(-\d+-gpu)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex EraANvidiaSuite();
}
