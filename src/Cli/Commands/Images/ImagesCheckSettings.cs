using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Images;

/// <summary>Options of <c>sglang-ci images check</c>.</summary>
public sealed class ImagesCheckSettings : ImagesSettings
{
    /// <summary>A month: beyond that the nightlies have long scrolled past the page limit.</summary>
    public const int MaxDays = 31;

    [CommandOption("--days <N>")]
    [Description("Nights to check: --date, then the N-1 nights before it.")]
    [DefaultValue(1)]
    public int Days { get; set; } = 1;

    public override ValidationResult Validate() =>
        Days is < 1 or > MaxDays ? ValidationResult.Error($"--days must be between 1 and {MaxDays}.") : base.Validate();
}
