using System.Globalization;
using SglangCi.Cli.Output;
using SglangCi.Interfaces;
using Spectre.Console;

namespace SglangCi.Cli.Commands.Schedules;

/// <summary><c>schedule list</c>: every schedule and when it fires next.</summary>
public sealed class ScheduleListCommand : ClusterCommand<ClusterSettings>
{
    protected override async Task<int> ExecuteAsync(IGrainFactory grains, ClusterSettings settings, CancellationToken cancellationToken)
    {
        var names = await CatalogNamesAsync(grains, CatalogKind.Schedule);
        var statuses = await Task.WhenAll(names.Select(name => grains.GetGrain<IScheduleGrain>(name).GetStatus()));
        var now = DateTimeOffset.UtcNow;
        var schedules = statuses
            .Where(s => s.Definition is not null)
            .Select(s => ScheduleJson.From(s.Definition!, s, now))
            .ToList();
        Print(settings, schedules, () => Render(schedules));
        return ExitCodes.Success;
    }

    private static void Render(IReadOnlyList<ScheduleJson> schedules)
    {
        if (schedules.Count == 0)
        {
            Consoles.Out.MarkupLine("[grey]no schedules registered[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("schedule").NoWrap())
            .AddColumn("enabled")
            .AddColumn(new TableColumn("cron").NoWrap())
            .AddColumn("time zone")
            .AddColumn("next firing")
            .AddColumn(new TableColumn("last fired").NoWrap())
            .AddColumn("jobs");
        foreach (var s in schedules)
        {
            var next = s.NextFiringLocal is null
                ? Display.None
                : $"{Markup.Escape(s.NextFiringLocal)}\n[grey]{Markup.Escape(ScheduleTimes.Utc(DateTimeOffset.Parse(s.NextFiring!, CultureInfo.InvariantCulture)))}, {Markup.Escape(s.NextFiringIn!)}[/]";
            table.AddRow(
                Markup.Escape(s.Name),
                s.Enabled ? "[green]yes[/]" : "[grey]disabled[/]",
                Markup.Escape(s.Cron),
                Markup.Escape(s.TimeZone),
                next,
                Display.Text(s.LastFiredAt),
                s.JobCount.ToString(CultureInfo.InvariantCulture));
        }

        Consoles.Out.Write(table);
        Consoles.Out.MarkupLine($"[grey]{schedules.Count} schedules, {schedules.Count(s => s.Enabled)} enabled[/]");
    }
}
