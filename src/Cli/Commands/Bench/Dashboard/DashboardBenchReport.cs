using System.Globalization;
using Spectre.Console;

namespace SglangCi.Cli.Commands.Bench.Dashboard;

/// <summary>The report of <c>bench dashboard</c>: one row per endpoint and page with median, p95, max and the goal's verdict.</summary>
public static class DashboardBenchReport
{
    public static object ToJson(string url, int repeat, int warmup, DashboardArguments arguments, IReadOnlyList<DashboardTargetResult> results, IReadOnlyList<string> unmeasured)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new
        {
            url,
            repeat,
            warmup,
            arguments,
            goals = new { apiMedianMs = DashboardGoals.ApiMedianMs, apiP95Ms = DashboardGoals.ApiP95Ms, pageP95Ms = DashboardGoals.PageP95Ms },
            passed = results.All(r => r.Met),
            results = results.Select(r => new
            {
                kind = r.Target.Kind == DashboardTargetKind.Api ? "api" : "page",
                name = r.Target.Name,
                url = r.Target.PathAndQuery,
                medianMs = r.Latency?.MedianMs,
                p95Ms = r.Latency?.P95Ms,
                maxMs = r.Latency?.MaxMs,
                bytes = r.Bytes,
                met = r.Met,
                error = r.Error,
            }),
            unmeasured,
        };
    }

    public static void Render(IAnsiConsole console, string url, int repeat, DashboardArguments arguments, IReadOnlyList<DashboardTargetResult> results, IReadOnlyList<string> unmeasured)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(results);
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{url} · {repeat} timed requests each · day {arguments.Date} · run {arguments.RunId} · {arguments.Hardware}/{arguments.Model}/{arguments.Mode}/{arguments.Host} load {arguments.Load}")));
        var table = new Table()
            .AddColumn("kind").AddColumn("endpoint / page")
            .AddColumn(new TableColumn("median ms").RightAligned()).AddColumn(new TableColumn("p95 ms").RightAligned())
            .AddColumn(new TableColumn("max ms").RightAligned()).AddColumn(new TableColumn("KiB").RightAligned())
            .AddColumn("goal").AddColumn("");
        foreach (var r in results)
        {
            var kind = r.Target.Kind == DashboardTargetKind.Api ? "api" : "page";
            var verdict = r.Error is { } error ? $"[red]{Markup.Escape(error)}[/]" : r.Met ? "[green]ok[/]" : "[red]missed[/]";
            table.AddRow(kind, Markup.Escape(r.Target.Name), Ms(r.Latency?.MedianMs), Ms(r.Latency?.P95Ms), Ms(r.Latency?.MaxMs),
                (r.Bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture), Markup.Escape(DashboardGoals.Describe(r.Target.Kind)), verdict);
        }

        console.Write(table);
        foreach (var path in unmeasured)
        {
            console.MarkupLine($"[yellow]not measured[/] {Markup.Escape(path)}: its path needs an argument this benchmark cannot find");
        }

        var missed = results.Count(r => !r.Met);
        console.MarkupLine(missed == 0
            ? $"[green]every goal met[/] ({results.Count} endpoints and pages)"
            : $"[red]{missed} of {results.Count} missed their goal[/]");
    }

    private static string Ms(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "—";
}
