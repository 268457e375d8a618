using System.Globalization;
using SglangCi.Interfaces.Nodes;
using SglangCi.SimulatedEngine;

namespace SglangCi.Silo.Runtimes.Simulated;

/// <summary>
/// Applies a launch to the simulator's options: the model path names the served model, server flags are
/// echoed in <c>/get_server_info</c>, and <c>SGLCI_SIM_*</c> environment entries of a preset tune the simulator
/// for that preset (accuracy, speed, faults), so a dry run can exercise both sides of every gate.
/// </summary>
public static class SimulatedLaunchOverrides
{
    public const string Prefix = "SGLCI_SIM_";

    public static SimulatedEngineOptions Apply(SimulatedEngineOptions options, EngineLaunch launch)
    {
        var modelName = Path.GetFileName(launch.ModelPath.TrimEnd('/'));
        options = options with
        {
            ModelPath = launch.ModelPath,
            ModelName = string.IsNullOrEmpty(modelName) ? options.ModelName : modelName,
            ServerArgs = ServerArgs(launch.ServerArgs),
        };

        var env = launch.Environment;
        var faults = options.Faults;
        options = options with
        {
            Gsm8kAccuracy = Double(env, "GSM8K_ACCURACY") ?? options.Gsm8kAccuracy,
            StartupDelay = Double(env, "STARTUP_DELAY_MS") is { } delay ? TimeSpan.FromMilliseconds(delay) : options.StartupDelay,
            PrefillBaseMs = Double(env, "PREFILL_BASE_MS") ?? options.PrefillBaseMs,
            PrefillMsPerToken = Double(env, "PREFILL_MS_PER_TOKEN") ?? options.PrefillMsPerToken,
            DecodeStepBaseMs = Double(env, "DECODE_STEP_MS") ?? options.DecodeStepBaseMs,
            DecodeStepMsPerRequest = Double(env, "DECODE_STEP_MS_PER_REQUEST") ?? options.DecodeStepMsPerRequest,
            MaxRunningRequests = (int?)Double(env, "MAX_RUNNING_REQUESTS") ?? options.MaxRunningRequests,
            Seed = (int?)Double(env, "SEED") ?? options.Seed,
            Faults = faults with
            {
                FailStartup = env.TryGetValue(Prefix + "FAIL_STARTUP", out var fail) ? fail is "1" or "true" or "True" : faults.FailStartup,
                ErrorRate = Double(env, "ERROR_RATE") ?? faults.ErrorRate,
                CrashAfterRequests = (int?)Double(env, "CRASH_AFTER_REQUESTS") ?? faults.CrashAfterRequests,
                StallAfterTokens = (int?)Double(env, "STALL_AFTER_TOKENS") ?? faults.StallAfterTokens,
            },
        };
        return options;
    }

    /// <summary>SGLang flags as <c>/get_server_info</c> names them: <c>--tp 8</c> → <c>tp_size=8</c>, bare flags → <c>true</c>.</summary>
    public static IReadOnlyDictionary<string, string> ServerArgs(IReadOnlyList<string> args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            var key = args[i][2..].Replace('-', '_');
            key = key switch
            {
                "tp" => "tp_size",
                "dp" => "dp_size",
                "pp" => "pp_size",
                "ep" => "ep_size",
                _ => key,
            };
            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            result[key] = hasValue ? args[++i] : "true";
        }

        return result;
    }

    private static double? Double(IReadOnlyDictionary<string, string> env, string name) =>
        env.TryGetValue(Prefix + name, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
