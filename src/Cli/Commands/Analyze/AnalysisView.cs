using System.Globalization;
using Spectre.Console;

namespace SglangCi.Cli.Commands.Analyze;

/// <summary>The human view of <c>analyze</c>: a summary, alerts per week (replay), then the confirmed regressions and improvements.</summary>
public static class AnalysisView
{
    public static void Render(IAnsiConsole console, AnalysisJson report, bool replay)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]{report.Series}[/] series, {report.SeriesNights} series-nights, {report.First ?? "—"} … {report.Last ?? "—"}; reporting {report.From ?? "—"} … {report.To ?? "—"}"));
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"alert messages [bold]{report.AlertMessages}[/] · confirmed regressions [bold]{report.ConfirmedRegressions}[/] (not borne out: [bold]{report.FalseAlerts}[/]) · candidates {report.CandidateRegressions} · improvements {report.Improvements} · change points {report.ChangePoints.Count}"));
        if (replay && report.Weekly.Count > 0)
        {
            var weeks = new Table().Title("[bold]alerts per week[/]").Border(TableBorder.Rounded).AddColumns("week", "hardware", "messages", "false alerts");
            foreach (var week in report.Weekly)
            {
                weeks.AddRow(week.Week, Markup.Escape(week.Hardware), Number(week.AlertMessages), Number(week.FalseAlerts));
            }

            console.Write(weeks);
        }

        var shown = report.Findings.Where(f => f.Opens).ToList();
        if (shown.Count == 0)
        {
            console.MarkupLine("[green]no confirmed regression or improvement in the range[/]");
            return;
        }

        var table = new Table().Title("[bold]confirmed changes[/] [grey](change: + is worse)[/]").Border(TableBorder.Rounded)
            .AddColumns("night", "since", "series", "metric", "baseline → value", "change", "images", "borne out");
        foreach (var f in shown)
        {
            var colour = f.Verdict == "confirmed-regression" ? "red" : "green";
            table.AddRow(
                f.Night,
                f.Since ?? "",
                Markup.Escape($"{f.Hardware} {f.Host} {f.Model} {f.Mode} @{f.Load.ToString(CultureInfo.InvariantCulture)}"),
                f.Metric,
                string.Create(CultureInfo.InvariantCulture, $"{f.Baseline:0.##} → {f.Value:0.##}"),
                string.Create(CultureInfo.InvariantCulture, $"[{colour}]{f.Change:+0.0%;-0.0%}[/]"),
                Markup.Escape($"{Tag(f.BaselineImage)} → {Tag(f.Image)}"),
                f.BorneOut switch { true => "yes", false => "[yellow]no[/]", null => "—" });
        }

        console.Write(table);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The tag of an image name, the part people compare.</summary>
    private static string Tag(string? image) => image is null ? "—" : image[(image.LastIndexOf(':') + 1)..];
}
