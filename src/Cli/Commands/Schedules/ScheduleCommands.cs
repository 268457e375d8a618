using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Schedules;

/// <summary>Registers the <c>schedule</c> commands, which read and change the cluster's schedules.</summary>
public static class ScheduleCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddBranch("schedule", schedule =>
        {
            schedule.SetDescription("The cluster's schedules (the old crontabs): when each fires next, switch one on or off, fire one now.");

            schedule.AddCommand<ScheduleListCommand>("list")
                .WithDescription("List the schedules: enabled, cron, time zone, next firing (in the schedule's zone, in UTC and from now), last firing and jobs.")
                .WithExample("schedule", "list")
                .WithExample("schedule", "list", "--json");

            schedule.AddCommand<ScheduleEnableCommand>("enable")
                .WithDescription("Enable a schedule; it next fires at its next cron time (slots missed while it was off do not fire).")
                .WithExample("schedule", "enable", "mi30x-1115-sanity");

            schedule.AddCommand<ScheduleDisableCommand>("disable")
                .WithDescription("Disable a schedule; runs it already started go on.")
                .WithExample("schedule", "disable", "sim-nightly");

            schedule.AddCommand<ScheduleFireCommand>("fire")
                .WithDescription("Fire a schedule now, whatever its cron says and even if disabled; prints each job's run id and, for jobs decided without running (no new image), the verdict.")
                .WithExample("schedule", "fire", "sim-nightly")
                .WithExample("schedule", "fire", "mi35x-1150-deepseek-online", "--json");
        });
    }
}
