using SglangCi.Interfaces.Presets;
using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Grains.Presets;

/// <summary>Rejects a preset that could not run, naming the field, before anything is stored.</summary>
public static class ModelPresetValidator
{
    public static void Validate(ModelPreset preset, string key)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var where = $"preset '{key}'";
        Require(!string.IsNullOrWhiteSpace(preset.Name), $"{where}: Name is required");
        Require(preset.Name == key, $"{where}: Name '{preset.Name}' does not match the preset key '{key}'");
        Require(!string.IsNullOrWhiteSpace(preset.Model), $"{where}: Model is required");
        Require(!string.IsNullOrWhiteSpace(preset.ModelPath), $"{where}: ModelPath is required");
        Require(preset.GpuCount >= 1, $"{where}: GpuCount must be at least 1 (got {preset.GpuCount})");
        Require(preset.ModeSuffix is null || IsModeSuffix(preset.ModeSuffix),
            $"{where}: ModeSuffix '{preset.ModeSuffix}' must be lower-case letters, digits and inner underscores (the old result-folder suffix, e.g. dp_attention)");
        Require(preset.ModeSuffix?.StartsWith("online", StringComparison.Ordinal) != true,
            $"{where}: ModeSuffix '{preset.ModeSuffix}' is the part after 'online_' (e.g. mtp_test for online_mtp_test)");

        Require(preset.Launch is { Count: > 0 }, $"{where}: Launch needs at least one entry (key '*' for any hardware)");
        foreach (var (hardware, launch) in preset.Launch!)
        {
            Require(launch?.ServerArgs is not null && launch.Environment is not null, $"{where}: Launch['{hardware}'] needs ServerArgs and Environment");
            Require(launch!.ModelPath is null || !string.IsNullOrWhiteSpace(launch.ModelPath), $"{where}: Launch['{hardware}'].ModelPath is empty (leave it out to use the preset's)");
            Require(launch.TokenizerPath is null || !string.IsNullOrWhiteSpace(launch.TokenizerPath), $"{where}: Launch['{hardware}'].TokenizerPath is empty (leave it out to use the preset's)");
            ValidatePreLaunch(launch.PreLaunch, $"{where}: Launch['{hardware}'].PreLaunch");
        }

        var gsm8k = preset.Gsm8k;
        Require(gsm8k is not null, $"{where}: Gsm8k is required");
        Require(gsm8k!.Threshold is >= 0 and <= 1, $"{where}: Gsm8k.Threshold must be between 0 and 1 (got {gsm8k.Threshold})");
        Require(gsm8k.Trials >= 1, $"{where}: Gsm8k.Trials must be at least 1 (got {gsm8k.Trials})");
        Require(gsm8k.Questions >= 1, $"{where}: Gsm8k.Questions must be at least 1 (got {gsm8k.Questions})");
        Require(gsm8k.Parallel >= 1, $"{where}: Gsm8k.Parallel must be at least 1 (got {gsm8k.Parallel})");
        Require(gsm8k.Shots >= 0, $"{where}: Gsm8k.Shots must not be negative (got {gsm8k.Shots})");

        // An empty Benchmark is a GSM8K-only preset (the old sanity check's models, DeepSeek's GSM8K-only modes).
        Require(preset.Benchmark is not null, $"{where}: Benchmark is required: plans per hardware (key '*' for any), or {{}} for a GSM8K-only preset");
        foreach (var (hardware, plan) in preset.Benchmark!)
        {
            var field = $"{where}: Benchmark['{hardware}']";
            Require(plan is not null, $"{field} is empty");
            Require(plan!.Points is { Count: > 0 }, $"{field}.Points needs at least one load point");
            Require(plan.RunsPerPoint >= 1, $"{field}.RunsPerPoint must be at least 1 (got {plan.RunsPerPoint})");
            Require(plan.InputLength >= 1, $"{field}.InputLength must be at least 1 (got {plan.InputLength})");
            Require(plan.OutputLength >= 1, $"{field}.OutputLength must be at least 1 (got {plan.OutputLength})");
            Require(plan.RangeRatio is >= 0 and <= 1, $"{field}.RangeRatio must be between 0 and 1 (got {plan.RangeRatio})");
            for (var i = 0; i < plan.Points.Count; i++)
            {
                var point = plan.Points[i];
                Require(point.Load > 0, $"{field}.Points[{i}].Load must be positive (got {point.Load})");
                Require(point.NumPrompts >= 1, $"{field}.Points[{i}].NumPrompts must be at least 1 (got {point.NumPrompts})");
                Require(plan.LoadKind != LoadKind.Concurrency || point.Load == Math.Floor(point.Load),
                    $"{field}.Points[{i}].Load must be a whole number for a concurrency sweep (got {point.Load})");
            }

            foreach (var (metric, slo) in plan.Goodput ?? new Dictionary<string, double>())
            {
                Require(GoodputSlos.Keys.Contains(metric?.Trim().ToLowerInvariant(), StringComparer.Ordinal),
                    $"{field}.Goodput has an unknown metric '{metric}'; use {string.Join(", ", GoodputSlos.Keys.Take(3))} (milliseconds, as vLLM's --goodput)");
                Require(double.IsFinite(slo) && slo >= 0, $"{field}.Goodput['{metric}'] must be a non-negative number of milliseconds (got {slo})");
            }
        }

        foreach (var (hardware, pd) in preset.Pd ?? new Dictionary<string, PdPlan>())
        {
            ValidatePd(pd, preset.GpuCount, $"{where}: Pd['{hardware}']");
        }

        foreach (var (hardware, plans) in preset.Offline ?? new Dictionary<string, IReadOnlyList<OfflinePlan>>())
        {
            var field = $"{where}: Offline['{hardware}']";
            Require(plans is { Count: > 0 }, $"{field} needs at least one plan (or leave the hardware out)");
            for (var p = 0; p < plans!.Count; p++)
            {
                var plan = plans[p];
                var at = $"{field}[{p}]";
                Require(plan is not null && !string.IsNullOrWhiteSpace(plan.Mode), $"{at}.Mode is required (e.g. normal, long_context, dummy)");
                Require(plan!.Cases is { Count: > 0 }, $"{at}.Cases needs at least one case");
                for (var i = 0; i < plan.Cases.Count; i++)
                {
                    var c = plan.Cases[i];
                    Require(c is not null && c.BatchSize >= 1 && c.InputLen >= 1 && c.OutputLen >= 1,
                        $"{at}.Cases[{i}] needs BatchSize, InputLen and OutputLen of at least 1");
                }
            }
        }
    }

    /// <summary>A PD plan must name both servers' flags, ports a server can bind, a GSM8K it can run and a threshold
    /// above zero: a bar of 0 (or the old 0.001) would pass a PD setup that answers nonsense.</summary>
    private static void ValidatePd(PdPlan? pd, int gpuCount, string field)
    {
        Require(pd is not null, $"{field} is empty");
        Require(gpuCount >= 2, $"{field}: a PD test splits the preset's GPUs between prefill and decode; GpuCount must be at least 2 (got {gpuCount})");
        Require(pd!.PrefillArgs is not null && pd.DecodeArgs is not null && pd.RouterArgs is not null, $"{field} needs PrefillArgs, DecodeArgs and RouterArgs");
        Require(pd.PrefillEnvironment is not null && pd.DecodeEnvironment is not null, $"{field}: PrefillEnvironment and DecodeEnvironment must not be null");
        Require(pd.RouterCommand is { Count: > 0 } command && !string.IsNullOrWhiteSpace(command[0]), $"{field}.RouterCommand is empty");
        foreach (var (name, port) in new[] { ("PrefillPort", pd.PrefillPort), ("DecodePort", pd.DecodePort), ("RouterPort", pd.RouterPort) })
        {
            Require(port is > 0 and < 65536, $"{field}.{name} must be a port number (got {port})");
        }

        Require(new[] { pd.PrefillPort, pd.DecodePort, pd.RouterPort }.Distinct().Count() == 3, $"{field}: PrefillPort, DecodePort and RouterPort must differ");
        Require(pd.Questions >= 1 && pd.Parallel >= 1 && pd.MaxNewTokens >= 1 && pd.Shots >= 0,
            $"{field}: Questions, Parallel and MaxNewTokens must be at least 1 and Shots not negative");
        Require(pd.Threshold is null or (> 0 and <= 1), $"{field}.Threshold must be above 0 and at most 1 (got {pd.Threshold}); leave it out for the preset's GSM8K threshold");
    }

    private static void ValidatePreLaunch(IReadOnlyList<PreLaunchStep>? steps, string field)
    {
        for (var i = 0; i < (steps?.Count ?? 0); i++)
        {
            var step = steps![i];
            var at = $"{field}[{i}]";
            Require(step is not null && !string.IsNullOrWhiteSpace(step.Name), $"{at}.Name is required");
            Require(step!.Timeout > TimeSpan.Zero, $"{at} ('{step.Name}'): Timeout must be positive (got {step.Timeout})");
            Require(Enum.IsDefined(step.Kind), $"{at} ('{step.Name}'): Kind must be Command or WarmupServer (got {step.Kind})");
            Require(step.Kind != PreLaunchStepKind.Command || (step.Command is { Count: > 0 } command && !string.IsNullOrWhiteSpace(command[0])),
                $"{at} ('{step.Name}'): a Command step needs a Command");
            Require(step.SkipIfAllExist?.All(p => !string.IsNullOrWhiteSpace(p)) ?? true, $"{at} ('{step.Name}'): SkipIfAllExist has an empty path");
        }
    }

    /// <summary>Lower-case letters, digits and inner underscores, as the old result folders' suffixes (<c>dp_attention_mtp_test</c>).</summary>
    private static bool IsModeSuffix(string suffix) =>
        suffix.Length > 0 && suffix[0] != '_' && suffix[^1] != '_' && suffix.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
