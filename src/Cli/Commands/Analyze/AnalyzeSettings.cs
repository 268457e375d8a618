using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Analyze;

/// <summary><c>analyze</c>: the regression detector over the stored history of the cluster, or of a database file.</summary>
public sealed class AnalyzeSettings : ClusterSettings
{
    [CommandOption(DatabaseFileOption.Template)]
    [Description("Read this SglangCi SQLite file (e.g. data/sglang-ci.db, or one the old history was imported into) instead of asking the cluster.")]
    public string? Database { get; set; }

    [CommandOption("--hardware <HW>")]
    [Description("Only this hardware's series (mi30x, mi35x, …).")]
    public string? Hardware { get; set; }

    [CommandOption("--from <DATE>")]
    [Description("First night to report (YYYY-MM-DD); earlier nights still form the baselines. Default: 7 nights before the last.")]
    public string? From { get; set; }

    [CommandOption("--to <DATE>")]
    [Description("Last night to report (YYYY-MM-DD). Default: the last night stored.")]
    public string? To { get; set; }

    [CommandOption("--replay")]
    [Description("Report every night of the history, judged night by night as if live, with alerts per week and false alerts.")]
    public bool Replay { get; set; }

    public DateOnly? FromDate => From is null ? null : DateArguments.Parse(From);

    public DateOnly? ToDate => To is null ? null : DateArguments.Parse(To);

    public override ValidationResult Validate()
    {
        if (base.Validate() is { Successful: false } gateway)
        {
            return gateway;
        }

        if (From is not null && FromDate is null)
        {
            return ValidationResult.Error(DateArguments.Error("--from", From));
        }

        if (To is not null && ToDate is null)
        {
            return ValidationResult.Error(DateArguments.Error("--to", To));
        }

        return Replay && (From is not null || To is not null)
            ? ValidationResult.Error("--replay reports the whole history; leave out --from and --to.")
            : ValidationResult.Success();
    }
}
