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

        RenderChanges(console, report);
        RenderAccuracy(console, report.Accuracy);
        RenderAlerts(console, report.OpenAlerts);
    }

    private static void RenderChanges(IAnsiConsole console, AnalysisJson report)
    {
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

    private static void RenderAccuracy(IAnsiConsole console, IReadOnlyList<AccuracyFindingJson> accuracy)
    {
        var shown = accuracy.Where(a => a.Opens).ToList();
        if (shown.Count == 0)
        {
            console.MarkupLine("[green]GSM8K accuracy: no regression and no night below its threshold in the range[/]");
            return;
        }

        var table = new Table().Title("[bold]GSM8K accuracy[/] [grey](first night of each bad stretch)[/]").Border(TableBorder.Rounded)
            .AddColumns("night", "series", "verdict", "baseline → mean", "drop", "trials", "images");
        foreach (var a in shown)
        {
            table.AddRow(
                a.Night,
                Markup.Escape($"{a.Hardware} {a.Host} {a.Model} {a.Mode}"),
                a.Verdict == "below-threshold" ? "[red]below threshold[/]" : "[red]regression[/]",
                string.Create(CultureInfo.InvariantCulture, $"{(a.Baseline is { } b ? b.ToString("0.000", CultureInfo.InvariantCulture) : "—")} → {a.Mean:0.000}"),
                a.Drop is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d * 100:0.0} pts") : "—",
                Number(a.Trials),
                Markup.Escape($"{Tag(a.BaselineImage)} → {Tag(a.Image)}"));
        }

        console.Write(table);
    }

    private static void RenderAlerts(IAnsiConsole console, IReadOnlyList<AlertJson> alerts)
    {
        if (alerts.Count == 0)
        {
            console.MarkupLine("[grey]open alerts: none stored (the cluster's regression watch writes them into this database)[/]");
            return;
        }

        var table = new Table().Title("[bold]open alerts[/]").Border(TableBorder.Rounded)
            .AddColumns("opened", "status", "kind", "series", "metric", "change", "acknowledged by");
        foreach (var a in alerts)
        {
            table.AddRow(
                a.OpenedNight,
                a.Status,
                a.Kind,
                Markup.Escape($"{a.Hardware} {a.Host} {a.Model} {a.Mode}{(a.Load is { } load ? string.Create(CultureInfo.InvariantCulture, $" @{load}") : "")}"),
                a.Metric,
                a.Change is { } c ? string.Create(CultureInfo.InvariantCulture, $"[red]{c:+0.0%;-0.0%}[/]") : "—",
                Markup.Escape(a.AcknowledgedBy ?? ""));
        }

        console.Write(table);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The tag of an image name, the part people compare.</summary>
    private static string Tag(string? image) => image is null ? "—" : image[(image.LastIndexOf(':') + 1)..];
}
