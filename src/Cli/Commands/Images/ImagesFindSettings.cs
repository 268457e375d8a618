using System.ComponentModel;
using SglangCi.Toolkit.Images;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Images;

/// <summary>Options of <c>sglang-ci images find</c>.</summary>
public sealed class ImagesFindSettings : ImagesSettings
{
    [CommandOption("--hardware <HW>")]
    [Description("GPU family the image is built for, as in the tag: mi30x, mi35x.")]
    public string? Hardware { get; set; }

    [CommandOption("--rocm <BUILDS>")]
    [Description("ROCm builds in preference order, comma-separated (default rocm700, plus rocm630 on mi30x); only the first is tried for earlier nights.")]
    public string? Rocm { get; set; }

    [CommandOption("--continue-run-days <N>")]
    [Description("Nights to try: 1 = today only, 2 = today then yesterday, ….")]
    [DefaultValue(1)]
    public int ContinueRunDays { get; set; } = 1;

    public IReadOnlyList<string>? RocmBuilds =>
        Rocm?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public NightlyImageQuery ToQuery(TimeProvider clock) =>
        NightlyImageQuery.For(Hardware!, Night(clock), RocmBuilds, ContinueRunDays, ImageRepository);

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Hardware))
        {
            return ValidationResult.Error("--hardware is required (mi30x or mi35x).");
        }

        if (!Hardware.All(char.IsAsciiLetterOrDigit))
        {
            return ValidationResult.Error($"--hardware '{Hardware}' must be a name like mi30x, as it appears in the tag.");
        }

        if (Rocm is not null && (RocmBuilds!.Count == 0 || !RocmBuilds.All(build => build.StartsWith("rocm", StringComparison.OrdinalIgnoreCase))))
        {
            return ValidationResult.Error($"--rocm '{Rocm}' must list builds like rocm700,rocm630.");
        }

        if (ContinueRunDays < 1)
        {
            return ValidationResult.Error("--continue-run-days must be at least 1.");
        }

        return base.Validate();
    }
}
