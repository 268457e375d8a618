using System.Globalization;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;
using SglangCi.SimulatedEngine;

namespace SglangCi.Silo.Runtimes.Simulated;

/// <summary>
/// Applies a launch to the simulator's options: the model path names the served model, server flags are
/// echoed in <c>/get_server_info</c>, and <c>SGLCI_SIM_*</c> environment entries of a preset tune the simulator
/// for that preset (accuracy, speed, faults), so a dry run can exercise both sides of every gate. An entry that
/// does not parse, or one the simulator does not know, fails the start with an <see cref="EngineStartException"/>
/// naming it: a preset that asks for 0,9 accuracy must not silently run with the default.
/// </summary>
public static class SimulatedLaunchOverrides
{
    public const string Prefix = "SGLCI_SIM_";

    private const string Probability = "a number between 0 and 1";
    private const string Milliseconds = "a number of milliseconds, 0 or more";
    private const string Count = "a whole number, 0 or more";

    /// <summary>Every entry the simulator understands, without the prefix, and how it changes the options.</summary>
    private static readonly IReadOnlyDictionary<string, Func<SimulatedEngineOptions, string, string, SimulatedEngineOptions>> Entries =
        new Dictionary<string, Func<SimulatedEngineOptions, string, string, SimulatedEngineOptions>>(StringComparer.Ordinal)
        {
            ["GSM8K_ACCURACY"] = (o, k, v) => o with { Gsm8kAccuracy = Number(k, v, 0, 1, Probability) },
            ["GSM8K_ACCURACY_BY_TRIAL"] = (o, k, v) => o with
            {
                Gsm8kAccuracyByTrial = v.Split(',', StringSplitOptions.TrimEntries).Select(part => Number(k, part, 0, 1, "a list of numbers between 0 and 1")).ToArray(),
            },
            ["STARTUP_DELAY_MS"] = (o, k, v) => o with { StartupDelay = TimeSpan.FromMilliseconds(Number(k, v, 0, double.MaxValue, Milliseconds)) },
            ["PREFILL_BASE_MS"] = (o, k, v) => o with { PrefillBaseMs = Number(k, v, 0, double.MaxValue, Milliseconds) },
            ["PREFILL_MS_PER_TOKEN"] = (o, k, v) => o with { PrefillMsPerToken = Number(k, v, 0, double.MaxValue, Milliseconds) },
            ["DECODE_STEP_MS"] = (o, k, v) => o with { DecodeStepBaseMs = Number(k, v, 0, double.MaxValue, Milliseconds) },
            ["DECODE_STEP_MS_PER_REQUEST"] = (o, k, v) => o with { DecodeStepMsPerRequest = Number(k, v, 0, double.MaxValue, Milliseconds) },
            ["MAX_RUNNING_REQUESTS"] = (o, k, v) => o with { MaxRunningRequests = Integer(k, v, 1, "a whole number, 1 or more") },
            ["SEED"] = (o, k, v) => o with { Seed = Integer(k, v, int.MinValue, "a whole number") },
            ["FAIL_STARTUP"] = (o, k, v) => o with { Faults = o.Faults with { FailStartup = Flag(k, v) } },
            ["FAIL_STARTUP_WITH_CUDA_GRAPH"] = (o, k, v) => o with { Faults = o.Faults with { FailStartupWithCudaGraph = Flag(k, v) } },
            ["ERROR_RATE"] = (o, k, v) => o with { Faults = o.Faults with { ErrorRate = Number(k, v, 0, 1, Probability) } },
            ["CRASH_AFTER_REQUESTS"] = (o, k, v) => o with { Faults = o.Faults with { CrashAfterRequests = Integer(k, v, 0, Count) } },
            ["STALL_AFTER_TOKENS"] = (o, k, v) => o with { Faults = o.Faults with { StallAfterTokens = Integer(k, v, 0, Count) } },
            ["UNITTEST"] = (o, k, v) => o with { Faults = o.Faults with { UnitTest = UnitTestFault(k, v) } },
            ["UNITTEST_BY_MODULE"] = (o, k, v) => o with { Faults = o.Faults with { UnitTestByModule = UnitTestFaults(k, v) } },
        };

    /// <summary>The options for <paramref name="launch"/>; throws <see cref="EngineStartException"/> naming a bad
    /// <c>SGLCI_SIM_*</c> entry.</summary>
    public static SimulatedEngineOptions Apply(SimulatedEngineOptions options, EngineLaunch launch)
    {
        var modelName = Path.GetFileName(launch.ModelPath.TrimEnd('/'));
        options = options with
        {
            ModelPath = launch.ModelPath,
            ModelName = string.IsNullOrEmpty(modelName) ? options.ModelName : modelName,
            ServerArgs = SglangServerArgs.Parse(launch.ServerArgs),
        };

        foreach (var (key, value) in launch.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!key.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!Entries.TryGetValue(key[Prefix.Length..], out var apply))
            {
                var known = string.Join(", ", Entries.Keys.Order(StringComparer.Ordinal).Select(k => Prefix + k));
                throw new EngineStartException($"preset environment {key}='{value}' is not a simulator setting; known: {known}");
            }

            options = apply(options, key, value);
        }

        return options.Faults.FailStartupWithCudaGraph && !launch.ServerArgs.Contains("--disable-cuda-graph", StringComparer.Ordinal)
            ? options with { Faults = options.Faults with { FailStartup = true } }
            : options;
    }

    private static double Number(string key, string text, double min, double max, string expected) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= min && value <= max
            ? value
            : throw Invalid(key, text, expected);

    private static int Integer(string key, string text, int min, string expected) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw Invalid(key, text, expected);

    private static bool Flag(string key, string text) => text.Trim().ToLowerInvariant() switch
    {
        "1" or "true" => true,
        "0" or "false" => false,
        _ => throw Invalid(key, text, "one of 1, true, 0, false"),
    };

    private static IReadOnlyDictionary<string, SimulatedUnitTestFault> UnitTestFaults(string key, string text) =>
        UnitTestFaultText.ParseByModule(text) ?? throw Invalid(key, text, UnitTestFaultText.ByModuleExpected);

    private static SimulatedUnitTestFault UnitTestFault(string key, string text) =>
        UnitTestFaultText.ParseOne(text) ?? throw Invalid(key, text, UnitTestFaultText.OneExpected);

    private static EngineStartException Invalid(string key, string text, string expected) =>
        new($"preset environment {key}='{text}' is not {expected}");
}
