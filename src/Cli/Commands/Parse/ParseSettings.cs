using System.ComponentModel;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Parse;

/// <summary>Arguments of <c>parse KIND FILE [--json]</c>.</summary>
public sealed class ParseSettings : CommandSettings
{
    [CommandArgument(0, "<KIND>")]
    [Description("What the file holds: bench-serving, bench-one-batch, gsm8k, timing-summary (and gpu-smi where registered).")]
    public string Kind { get; init; } = "";

    [CommandArgument(1, "<FILE>")]
    [Description("The captured output to read (log, JSONL result file).")]
    public string File { get; init; } = "";

    [CommandOption("--json")]
    [Description("Print the parsed result as JSON instead of a table.")]
    public bool Json { get; init; }
}
