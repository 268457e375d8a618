using System.Globalization;

namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// Classifies suites by the tokens of their names (sglang-formats §5): AMD suites always carry <c>amd</c> and MI355
/// ones <c>mi35x</c>; CPU/NPU/XPU/Ascend suites are neither side; everything else is NVIDIA. Era B's backend
/// (<c>register_amd_ci</c> …) decides the platform when it is known, since a suite name is only a convention.
/// </summary>
public static class SuiteClassifier
{
    private static readonly HashSet<string> OtherPlatformTokens = ["cpu", "npu", "xpu", "ascend", "xeon", "musa", "mlx", "intel"];

    public static SuiteClass Classify(RegisteredTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var tokens = Tokens(test.Suite);
        var nightly = test.Nightly || test.Suite.StartsWith("nightly", StringComparison.OrdinalIgnoreCase);
        return new SuiteClass(Platform(tokens, test.Backend), GpuCount(tokens), nightly, tokens.Contains("mi35x"));
    }

    private static CiPlatform Platform(string[] suiteTokens, string? backend) =>
        backend?.ToLowerInvariant() switch
        {
            "cuda" => CiPlatform.Nvidia,
            "amd" => CiPlatform.Amd,
            not null => CiPlatform.Other,
            null when suiteTokens.Contains("amd") => CiPlatform.Amd,
            null when suiteTokens.Any(OtherPlatformTokens.Contains) => CiPlatform.Other,
            null => CiPlatform.Nvidia,
        };

    private static int GpuCount(string[] tokens)
    {
        for (var i = 1; i < tokens.Length; i++)
        {
            if (tokens[i] == "gpu" && int.TryParse(tokens[i - 1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
            {
                return count;
            }
        }

        return 1;
    }

    private static string[] Tokens(string suite) => suite.ToLowerInvariant().Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries);
}
