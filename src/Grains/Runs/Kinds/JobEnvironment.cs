using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Upstream.PrImages;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>
/// The environment of a model-less job's commands: the plan's launch entries, the kind's own, then the job's
/// (<see cref="RunOptions.Environment"/>). The job's entries are the user's, so names the runtimes read as instructions
/// are refused rather than passed on: <see cref="ImageCommitLabels.EnvironmentPrefix"/> (labels of a kept image),
/// <see cref="PrImageScript.CheckoutVariable"/> (where a script works), <c>GIT_*</c> (redirects git's config, hooks and
/// transports) and <c>LD_*</c> (loads code into every process). <c>SGLCI_SIM_*</c> (the simulator's knobs) stays allowed.
/// </summary>
public static class JobEnvironment
{
    private static readonly string[] ReservedPrefixes = [ImageCommitLabels.EnvironmentPrefix, "GIT_", "LD_"];

    /// <summary>
    /// The plan's launch environment, then <paramref name="kindEntries"/>, then the job's own entries; throws
    /// <see cref="RunFailedException"/> naming the first reserved key the job gives.
    /// </summary>
    public static Dictionary<string, string> Of(RunPlan plan, IEnumerable<KeyValuePair<string, string>>? kindEntries = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var environment = new Dictionary<string, string>(plan.Launch.Environment, StringComparer.Ordinal);
        foreach (var (key, value) in kindEntries ?? [])
        {
            environment[key] = value;
        }

        foreach (var (key, value) in plan.Options.Environment ?? new Dictionary<string, string>())
        {
            if (ReservedReason(key) is { } why)
            {
                throw new RunFailedException($"environment entry '{key}' is not allowed in a job's options: {why}");
            }

            environment[key] = value;
        }

        return environment;
    }

    /// <summary>Why a job may not set <paramref name="key"/>; null when it may.</summary>
    public static string? ReservedReason(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key == PrImageScript.CheckoutVariable)
        {
            return "it is set by the run itself (where the image's SGLang checkout is)";
        }

        return ReservedPrefixes.FirstOrDefault(p => key.StartsWith(p, StringComparison.Ordinal)) is { } prefix
            ? $"names starting with {prefix} are reserved (they steer the runtime, git or the loader)"
            : null;
    }
}
