using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Import;

/// <summary>Options of both import commands.</summary>
public class ImportSettings : ClusterSettings
{
    [CommandOption(DatabaseFileOption.Template)]
    [Description(DatabaseFileOption.Description + " Created and migrated if missing.")]
    public string? Database { get; set; }

    [CommandOption("--force")]
    [Description("Read every unit again, also those already imported unchanged (rows are upserted, so nothing is duplicated).")]
    public bool Force { get; set; }
}

/// <summary><c>import seed-logs DIR</c>.</summary>
public sealed class SeedLogsImportSettings : ImportSettings
{
    [CommandArgument(0, "<DIR>")]
    [Description("The old CI's log tree (the root holding cron_log/, online_benchmark_log/, test/, upstream_ci/).")]
    public string Directory { get; set; } = string.Empty;

    public override ValidationResult Validate()
    {
        var baseResult = base.Validate();
        return !baseResult.Successful ? baseResult
            : System.IO.Directory.Exists(Directory) ? ValidationResult.Success()
            : ValidationResult.Error($"The folder '{Directory}' does not exist.");
    }
}

/// <summary><c>import seed-db FILE</c>.</summary>
public sealed class SeedDbImportSettings : ImportSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("The old CI's SQLite database, ci_dashboard.db.")]
    public string File { get; set; } = string.Empty;

    public override ValidationResult Validate()
    {
        var baseResult = base.Validate();
        return !baseResult.Successful ? baseResult
            : System.IO.File.Exists(File) ? ValidationResult.Success()
            : ValidationResult.Error($"The file '{File}' does not exist.");
    }
}
