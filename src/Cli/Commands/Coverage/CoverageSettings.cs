using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Coverage;

/// <summary>Arguments of <c>coverage --repo PATH [--json|--markdown|--csv] [--output FILE] [--include-incompatible]</c>.</summary>
public sealed class CoverageSettings : CommandSettings
{
    [CommandOption("--repo <PATH>")]
    [Description("A local SGLang checkout (its root, holding test/). Read as data: no Python is run.")]
    public string? Repo { get; init; }

    [CommandOption("--json")]
    [Description("Print the comparison as JSON (fields listed in the command's description).")]
    public bool Json { get; init; }

    [CommandOption("--markdown")]
    [Description("Print markdown like the old compare_suites.py --details: per category Total/Common/Only NVIDIA/Only AMD and the files.")]
    public bool Markdown { get; init; }

    [CommandOption("--csv")]
    [Description("Print the old daily report's CSV (sglang_ci_report_YYYYMMDD.csv layout).")]
    public bool Csv { get; init; }

    [CommandOption("--output <FILE>")]
    [Description("Write the output to this file (replaced atomically) instead of stdout.")]
    public string? Output { get; init; }

    [CommandOption("--include-incompatible")]
    [Description("Count NVIDIA tests on the old tool's AMD-incompatible list (flashinfer, fa3, deepep, …); by default they are left out, as in the old reports, and listed separately.")]
    public bool IncludeIncompatible { get; init; }

    public CoverageFormat Format => Json ? CoverageFormat.Json : Markdown ? CoverageFormat.Markdown : Csv ? CoverageFormat.Csv : CoverageFormat.Text;

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Repo))
        {
            return ValidationResult.Error("--repo PATH is required: the SGLang checkout to read.");
        }

        if (new[] { Json, Markdown, Csv }.Count(chosen => chosen) > 1)
        {
            return ValidationResult.Error("choose one of --json, --markdown and --csv.");
        }

        return string.IsNullOrWhiteSpace(Output) && Output is not null
            ? ValidationResult.Error("--output needs a file name.")
            : ValidationResult.Success();
    }
}
