using System.Globalization;

namespace SglangCi.Toolkit.Upstream.Tests;

/// <summary>
/// The lines an upstream test batch prints around each test, so one container's output splits into one log and one
/// verdict per test. The prefix cannot come from a test: Python's unittest and pytest never start a line with it.
/// </summary>
public static class UpstreamTestMarkers
{
    public const string Prefix = "##sglang-ci## ";

    /// <summary>Printed when the checkout is not where the batch was told it is; the batch then runs nothing.</summary>
    public const string NoCheckout = Prefix + "no-checkout ";

    public static string Begin(int index, string name) => $"{Prefix}begin {index} {name}";

    public static string End(int index, int exitCode, long seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}end {index} exit={exitCode} seconds={seconds}");
}
