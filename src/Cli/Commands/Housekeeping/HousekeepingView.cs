using System.Globalization;
using SglangCi.Silo.Runtimes.Docker;
using Spectre.Console;

namespace SglangCi.Cli.Commands.Housekeeping;

/// <summary>The report for people: what was (or would be) removed, what of ours was kept and why, and disk space.</summary>
public static class HousekeepingView
{
    public static void Render(IAnsiConsole console, HousekeepingReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var title = report.DryRun ? "housekeeping · dry run, nothing removed" : "housekeeping";
        if (report.Items.Count == 0)
        {
            console.MarkupLine($"[grey]{title}: nothing to remove[/]");
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).Title(title)
                .AddColumn("kind").AddColumn("name").AddColumn(new TableColumn("size").RightAligned()).AddColumn("why").AddColumn("outcome");
            foreach (var item in report.Items)
            {
                var outcome = item.Outcome switch
                {
                    HousekeepingOutcome.Removed => "[green]removed[/]",
                    HousekeepingOutcome.WouldRemove => "[yellow]would remove[/]",
                    _ => $"[red]failed[/]: {Markup.Escape(item.Error ?? "unknown error")}",
                };
                table.AddRow(Kind(item.Kind), Markup.Escape(item.Name), Bytes(item.SizeBytes), Markup.Escape(item.Reason), outcome);
            }

            console.Write(table);
            console.MarkupLine(CultureInfo.InvariantCulture, "{0} {1} in {2} item(s){3}",
                report.DryRun ? "would free" : "freed", Bytes(report.FreedBytes), report.Items.Count - report.FailedCount,
                report.FailedCount > 0 ? $", [red]{report.FailedCount} failed[/]" : string.Empty);
        }

        if (report.Kept.Count > 0)
        {
            var kept = new Table().Border(TableBorder.Rounded).Title("kept").AddColumn("kind").AddColumn("name").AddColumn("why");
            foreach (var item in report.Kept)
            {
                kept.AddRow(Kind(item.Kind), Markup.Escape(item.Name), Markup.Escape(item.Reason));
            }

            console.Write(kept);
        }

        if (report.Disks.Count > 0)
        {
            var disks = new Table().Border(TableBorder.Rounded).Title("disk space")
                .AddColumn("what").AddColumn("path").AddColumn(new TableColumn("total").RightAligned())
                .AddColumn(new TableColumn("free").RightAligned()).AddColumn(new TableColumn("free %").RightAligned());
            foreach (var disk in report.Disks)
            {
                disks.AddRow(Markup.Escape(disk.What), Markup.Escape(disk.Path),
                    disk.TotalBytes is { } total ? Bytes(total) : Markup.Escape(disk.Error ?? "-"),
                    disk.FreeBytes is { } free ? Bytes(free) : "-",
                    disk.FreePercent?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-");
            }

            console.Write(disks);
        }

        foreach (var note in report.Notes)
        {
            console.MarkupLine("[yellow]note:[/] " + Markup.Escape(note));
        }
    }

    private static string Kind(HousekeepingItemKind kind) => kind switch
    {
        HousekeepingItemKind.Image => "image",
        HousekeepingItemKind.DanglingImage => "dangling image",
        _ => "core dump",
    };

    private static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? bytes.ToString(CultureInfo.InvariantCulture) + " B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
