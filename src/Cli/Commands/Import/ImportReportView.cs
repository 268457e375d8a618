using System.Globalization;
using SglangCi.Interfaces.History;
using Spectre.Console;

namespace SglangCi.Cli.Commands.Import;

/// <summary>The report for people: a table per kind, then every rejection, then the partial imports (capped).</summary>
public static class ImportReportView
{
    private const int MaxNotes = 40;

    public static void Render(IAnsiConsole console, HistoryImportRequest request, HistoryImportReport report)
    {
        var table = new Table().Title($"import {request.Kind} · {Markup.Escape(request.Path)}")
            .AddColumn("kind").AddColumn(new TableColumn("imported").RightAligned())
            .AddColumn(new TableColumn("unchanged (skipped)").RightAligned()).AddColumn(new TableColumn("rejected").RightAligned());
        foreach (var (kind, counts) in report.Kinds)
        {
            table.AddRow(Markup.Escape(kind), N(counts.Imported), N(counts.Unchanged), counts.Rejected > 0 ? $"[red]{counts.Rejected}[/]" : "0");
        }

        table.AddRow("[bold]total[/]", $"[bold]{N(report.Imported)}[/]", $"[bold]{N(report.Unchanged)}[/]", $"[bold]{N(report.Rejected)}[/]");
        console.Write(table);
        console.MarkupLine(CultureInfo.InvariantCulture, "{0} rows written in {1:0.00} s", report.RowsWritten, report.Elapsed.TotalSeconds);

        var rejected = report.Issues.Where(i => i.Rejected).ToList();
        if (rejected.Count > 0)
        {
            console.MarkupLine($"[red]Rejected ({rejected.Count}), nothing of these stored:[/]");
            foreach (var issue in rejected)
            {
                console.MarkupLine("  " + Markup.Escape(issue.ToString()));
            }
        }

        var notes = report.Issues.Where(i => !i.Rejected).ToList();
        if (notes.Count > 0)
        {
            console.MarkupLine($"[yellow]Imported with parts left out or unclear ({notes.Count}):[/]");
            foreach (var issue in notes.Take(MaxNotes))
            {
                console.MarkupLine("  " + Markup.Escape(issue.ToString()));
            }

            if (notes.Count > MaxNotes)
            {
                console.MarkupLine($"  … {notes.Count - MaxNotes} more (--json lists all)");
            }
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
