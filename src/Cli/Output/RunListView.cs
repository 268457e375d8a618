using SglangCi.Interfaces.Runs;
using Spectre.Console;

namespace SglangCi.Cli.Output;

/// <summary>The human view of a list of runs: one row each, newest first.</summary>
public static class RunListView
{
    public static void Render(IAnsiConsole console, IReadOnlyList<RunSummary> runs)
    {
        if (runs.Count == 0)
        {
            console.MarkupLine("[grey]no runs match[/]");
            return;
        }

        // The id already names the preset and node; keeping it on one line keeps it copy-pasteable.
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("run").NoWrap())
            .AddColumn(new TableColumn("hardware").NoWrap())
            .AddColumn(new TableColumn("status").NoWrap())
            .AddColumn("reason")
            .AddColumn(new TableColumn("started").NoWrap())
            .AddColumn(new TableColumn("duration").NoWrap());
        foreach (var run in runs.OrderByDescending(r => r.StartedAt ?? DateTimeOffset.MinValue).ThenByDescending(r => r.Id, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(run.Id), Markup.Escape(run.Hardware), Display.Status(run.Status), Display.Text(run.Reason),
                Display.ShortTime(run.StartedAt), Display.Duration(run.StartedAt, run.FinishedAt));
        }

        console.Write(table);
        var finished = runs.Count(r => r.Status.IsTerminal());
        var passed = runs.Count(r => r.Status == RunStatus.Succeeded);
        console.MarkupLine($"[grey]{runs.Count} runs, {finished} finished, {passed} succeeded[/]");
    }
}
