using System.Globalization;
using SglangCi.SimulatedEngine;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// The simulator's latency model as the end-to-end test configures it, so the measured figures can be
/// compared with what the model predicts. The prefill base is raised above the default so that a few
/// milliseconds of HTTP and process overhead stay well inside the 10% tolerance on TTFT.
/// </summary>
internal static class SimulatorSettings
{
    public static SimulatedEngineOptions Options { get; } = new()
    {
        PrefillBaseMs = 30,
        PrefillMsPerToken = 0.02,
        DecodeStepBaseMs = 5,
        DecodeStepMsPerRequest = 0.05,
    };

    public static IEnumerable<KeyValuePair<string, string>> AsEnvironment()
    {
        yield return Setting(nameof(SimulatedEngineOptions.PrefillBaseMs), Options.PrefillBaseMs);
        yield return Setting(nameof(SimulatedEngineOptions.PrefillMsPerToken), Options.PrefillMsPerToken);
        yield return Setting(nameof(SimulatedEngineOptions.DecodeStepBaseMs), Options.DecodeStepBaseMs);
        yield return Setting(nameof(SimulatedEngineOptions.DecodeStepMsPerRequest), Options.DecodeStepMsPerRequest);
    }

    private static KeyValuePair<string, string> Setting(string name, double value) =>
        new($"SglangCi__Simulator__{name}", value.ToString(CultureInfo.InvariantCulture));
}
