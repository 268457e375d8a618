using System.ComponentModel;
using SglangCi.Silo.Runtimes.Docker;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Housekeeping;

/// <summary>Options of <c>sglang-ci housekeeping</c>.</summary>
public sealed class HousekeepingSettings : CommandSettings
{
    [CommandOption("--docker-host <URI>")]
    [Description("Docker engine, e.g. unix:///var/run/docker.sock (default DOCKER_HOST, else the local socket).")]
    public string? DockerHost { get; set; }

    [CommandOption("--older-than-days <DAYS>")]
    [Description("Remove our images created at least this many days ago (0: any age).")]
    [DefaultValue(7)]
    public int OlderThanDays { get; set; } = 7;

    [CommandOption("--repository <PATTERN>")]
    [Description("An image repository that is ours, * as wildcard; repeatable (default */sgl-dev and lmsysorg/sglang, plus images labelled sglang-ci.managed=true).")]
    public string[] Repositories { get; set; } = [];

    [CommandOption("--keep-dangling")]
    [Description("Leave dangling (untagged) images alone.")]
    public bool KeepDangling { get; set; }

    [CommandOption("--core-dump-dir <DIR>")]
    [Description("A folder searched (not recursively) for GPU core dumps (gpucore.*, core, core.*); repeatable.")]
    public string[] CoreDumpDirectories { get; set; } = [];

    [CommandOption("--core-dump-min-age-hours <HOURS>")]
    [Description("Remove core dumps last written at least this many hours ago.")]
    [DefaultValue(0d)]
    public double CoreDumpMinAgeHours { get; set; }

    [CommandOption("--dry-run")]
    [Description("List what would be removed, with sizes; remove nothing.")]
    public bool DryRun { get; set; }

    [CommandOption("--json")]
    [Description("Print the report as JSON on stdout.")]
    public bool Json { get; set; }

    public HousekeepingOptions ToOptions() => new()
    {
        OlderThanDays = OlderThanDays,
        Repositories = [.. Repositories],
        RemoveDangling = !KeepDangling,
        CoreDumpDirectories = [.. CoreDumpDirectories],
        CoreDumpMinimumAge = TimeSpan.FromHours(CoreDumpMinAgeHours),
        DryRun = DryRun,
    };

    public override ValidationResult Validate()
    {
        if (OlderThanDays < 0 || CoreDumpMinAgeHours < 0)
        {
            return ValidationResult.Error("--older-than-days and --core-dump-min-age-hours must be at least 0.");
        }

        if (DockerHost is not null && !Uri.TryCreate(DockerHost, UriKind.Absolute, out _))
        {
            return ValidationResult.Error($"--docker-host '{DockerHost}' is not a URI like unix:///var/run/docker.sock.");
        }

        if (Repositories.Any(string.IsNullOrWhiteSpace))
        {
            return ValidationResult.Error("--repository must not be empty.");
        }

        return ValidationResult.Success();
    }
}
