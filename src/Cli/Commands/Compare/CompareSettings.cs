using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Compare;

/// <summary><c>compare RUN_A [RUN_B]</c>: which runs, where to read them, and what to write.</summary>
public sealed class CompareSettings : ClusterSettings
{
    [CommandArgument(0, "<RUN_A>")]
    [Description("The run judged (A), by id as `sglang-ci runs` prints it.")]
    public string RunA { get; set; } = "";

    [CommandArgument(1, "[RUN_B]")]
    [Description("The baseline (B). Default: the run of the previous night of A's series (same hardware, host, model and mode), as the dashboard's compare page picks it.")]
    public string? RunB { get; set; }

    [CommandOption("--format <FORMAT>")]
    [Description("markdown (default), html (a standalone page with inline CSS) or json. --json is short for --format json.")]
    [DefaultValue(CompareFormat.Markdown)]
    public CompareFormat Format { get; set; } = CompareFormat.Markdown;

    [CommandOption("--output <FILE>")]
    [Description("Write the report to this file instead of stdout.")]
    public string? Output { get; set; }

    [CommandOption(DatabaseFileOption.Template)]
    [Description(DatabaseFileOption.Description)]
    public string? Database { get; set; }

    /// <summary>The format asked for; the shared <c>--json</c> switch wins, as it does for every other command.</summary>
    public CompareFormat ChosenFormat => Json ? CompareFormat.Json : Format;

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(RunA) ? ValidationResult.Error("RUN_A is required")
        : RunB is not null && string.IsNullOrWhiteSpace(RunB) ? ValidationResult.Error("RUN_B is empty; leave it out to compare with the previous night")
        : base.Validate();
}
