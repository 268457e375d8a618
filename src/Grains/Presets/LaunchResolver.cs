using SglangCi.Interfaces.Presets;

namespace SglangCi.Grains.Presets;

/// <summary>
/// What a preset launches on one hardware kind, with every default filled in, so the planner, the run log and the
/// warm-up server all see the same command line.
/// </summary>
/// <param name="Hardware">The hardware kind resolved for.</param>
/// <param name="ModelPath">The hardware's <see cref="HardwareLaunch.ModelPath"/>, else the preset's.</param>
/// <param name="TokenizerPath">The hardware's <see cref="HardwareLaunch.TokenizerPath"/>, else the preset's; null: the model's own.</param>
/// <param name="ServerArgs">The launch's flags plus <c>--attention-backend</c>, <c>--tokenizer-path</c> and
/// <c>--quantization</c> where the preset implies them and the flags lack them.</param>
/// <param name="Environment">The launch's environment, as written.</param>
/// <param name="PreLaunch">The launch's pre-launch steps; empty when none.</param>
public sealed record ResolvedLaunch(
    string Hardware,
    string ModelPath,
    string? TokenizerPath,
    IReadOnlyList<string> ServerArgs,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<PreLaunchStep> PreLaunch);

/// <summary>
/// Resolves a preset's launch for a hardware kind: the per-hardware model and tokenizer paths, and the flags a preset
/// need not spell out. The attention backend is <c>aiter</c> on ROCm hardware (any kind starting with <c>mi</c>:
/// mi30x, mi35x, mi325x, …) and <c>triton</c> elsewhere (the simulator, NVIDIA), unless the flags already name one
/// (GPT-OSS asks for triton on ROCm). Pure: no grain, no I/O.
/// </summary>
public static class LaunchResolver
{
    public const string AttentionBackendFlag = "--attention-backend";
    public const string TokenizerPathFlag = "--tokenizer-path";
    public const string QuantizationFlag = "--quantization";

    /// <summary>The launch of <paramref name="preset"/> on <paramref name="hardware"/>; throws
    /// <see cref="InvalidOperationException"/> (from <see cref="ModelPreset.LaunchFor"/>) when the preset has none.</summary>
    public static ResolvedLaunch Resolve(ModelPreset preset, string hardware)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentException.ThrowIfNullOrWhiteSpace(hardware);
        var launch = preset.LaunchFor(hardware);
        var tokenizer = launch.TokenizerPath ?? preset.TokenizerPath;
        var args = launch.ServerArgs.ToList();

        AddIfMissing(args, AttentionBackendFlag, DefaultAttentionBackend(hardware));
        if (!string.IsNullOrWhiteSpace(tokenizer))
        {
            AddIfMissing(args, TokenizerPathFlag, tokenizer);
        }

        if (!string.IsNullOrWhiteSpace(preset.Quantization))
        {
            AddIfMissing(args, QuantizationFlag, preset.Quantization);
        }

        return new ResolvedLaunch(
            hardware,
            launch.ModelPath ?? preset.ModelPath,
            string.IsNullOrWhiteSpace(tokenizer) ? null : tokenizer,
            args,
            launch.Environment,
            launch.PreLaunch ?? []);
    }

    /// <summary><c>aiter</c> on ROCm hardware (a kind starting with <c>mi</c>), <c>triton</c> elsewhere.</summary>
    public static string DefaultAttentionBackend(string hardware) =>
        IsRocm(hardware) ? "aiter" : "triton";

    /// <summary>AMD Instinct kinds are named mi30x, mi35x, mi325x, …; the old system ran only those, all on ROCm.</summary>
    public static bool IsRocm(string hardware) =>
        hardware.StartsWith("mi", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="args"/> sets <paramref name="flag"/>, as <c>--flag value</c> or <c>--flag=value</c>.</summary>
    public static bool HasFlag(IReadOnlyList<string> args, string flag) =>
        args.Any(a => a == flag || a.StartsWith(flag + "=", StringComparison.Ordinal));

    private static void AddIfMissing(List<string> args, string flag, string value)
    {
        if (!HasFlag(args, flag))
        {
            args.Add(flag);
            args.Add(value);
        }
    }
}
