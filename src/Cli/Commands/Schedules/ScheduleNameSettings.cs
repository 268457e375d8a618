using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Schedules;

/// <summary>The settings of a command about one schedule.</summary>
public sealed class ScheduleNameSettings : ClusterSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("Schedule name as `sglang-ci schedule list` prints it.")]
    public string Name { get; set; } = "";

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Name) ? ValidationResult.Error("NAME is required") : base.Validate();
}
