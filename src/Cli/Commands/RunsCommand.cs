using System.ComponentModel;
using SglangCi.Cli.Output;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands;

/// <summary><c>runs</c>: stored runs filtered by date (image date, else start date), hardware, node, preset or schedule job.</summary>
public sealed class RunsCommand : ClusterCommand<RunsCommand.Settings>
{
    public sealed class Settings : ClusterSettings
    {
        [CommandOption("--date <YYYY-MM-DD>")]
        [Description("Only runs of this day (UTC). Cannot be combined with --from/--to.")]
        public string? Date { get; set; }

        [CommandOption("--from <YYYY-MM-DD>")]
        [Description("Only runs on or after this day (UTC).")]
        public string? From { get; set; }

        [CommandOption("--to <YYYY-MM-DD>")]
        [Description("Only runs on or before this day (UTC).")]
        public string? To { get; set; }

        [CommandOption("--hardware <KIND>")]
        [Description("Only runs on this hardware kind (mi30x, mi35x, h100, sim, ...).")]
        public string? Hardware { get; set; }

        [CommandOption("--node <NODE>")]
        [Description("Only runs on this node.")]
        public string? Node { get; set; }

        [CommandOption("--preset <PRESET>")]
        [Description("Only runs of this preset.")]
        public string? Preset { get; set; }

        [CommandOption("--job <SCHEDULE/JOB>")]
        [Description("Only runs of this schedule job, e.g. mi30x-1115-sanity/grok1-int4-sanity (see `schedule list --json`).")]
        public string? Job { get; set; }

        [CommandOption("--limit <N>")]
        [Description("At most this many runs.")]
        [DefaultValue(500)]
        public int Limit { get; set; } = 500;

        public RunQuery ToQuery()
        {
            var from = Date ?? From;
            var to = Date ?? To;
            return new RunQuery(
                from is null ? null : DateArguments.Parse(from),
                to is null ? null : DateArguments.Parse(to),
                Hardware, Node, Preset, Limit)
            {
                JobKey = string.IsNullOrWhiteSpace(Job) ? null : Job.Trim(),
            };
        }

        public override ValidationResult Validate()
        {
            foreach (var (option, value) in new[] { ("--date", Date), ("--from", From), ("--to", To) })
            {
                if (value is not null && DateArguments.Parse(value) is null)
                {
                    return ValidationResult.Error(DateArguments.Error(option, value));
                }
            }

            if (Date is not null && (From is not null || To is not null))
            {
                return ValidationResult.Error("--date cannot be combined with --from or --to");
            }

            if (From is not null && To is not null && DateArguments.Parse(From) > DateArguments.Parse(To))
            {
                return ValidationResult.Error($"--from ({From}) is after --to ({To})");
            }

            if (Limit < 1)
            {
                return ValidationResult.Error($"--limit must be at least 1, got {Limit}");
            }

            return base.Validate();
        }
    }

    protected override async Task<int> ExecuteAsync(IGrainFactory grains, Settings settings, CancellationToken cancellationToken)
    {
        var runs = await grains.GetGrain<IRunQueryGrain>(0).QueryRuns(settings.ToQuery());
        Print(settings, runs.Select(RunJson.From).ToList(), () => RunListView.Render(Consoles.Out, runs));
        return ExitCodes.Success;
    }
}
