using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SglangCi.Cli.Output;

/// <summary>The human view of one run: a header, then phases, the GSM8K gate, the checks, the benchmark points and the offline cases.</summary>
public static class RunDetailsView
{
    public static void Render(IAnsiConsole console, RunDetails details)
    {
        console.Write(Header(details.Run));
        console.WriteLine();
        if (details.Phases.Count > 0)
        {
            console.Write(Phases(details.Phases));
        }

        if (details.Gsm8k is { } gate)
        {
            console.Write(Gate(gate));
        }

        if (details.Checks.Count > 0)
        {
            console.Write(Checks(details.Checks));
        }

        if (details.Points.Count > 0)
        {
            console.Write(Points(details.Points));
            if (Failures(details.Points) is { } failures)
            {
                console.Write(failures);
            }
        }

        if (details.Offline is { Count: > 0 } offline)
        {
            console.Write(Offline(offline));
        }
    }

    private static IRenderable Header(RunSummary run)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string value) => grid.AddRow($"[bold]{name}[/]", value);
        Row("run", Markup.Escape(run.Id));
        Row("status", Display.Status(run.Status) + (run.Reason is null ? "" : $" — {Markup.Escape(run.Reason)}"));
        Row("preset", $"{Markup.Escape(run.Preset)} v{run.PresetVersion} ({Markup.Escape(run.Model)})");
        Row("node", $"{Markup.Escape(run.Node)} on {Markup.Escape(run.Host)} [grey]({Markup.Escape(run.Hardware)})[/]");
        Row("mode", Markup.Escape(run.Mode.ToLowerInvariant()));
        Row("image", $"{Display.Text(run.Image)} [grey]{WireFormat.Date(run.ImageDate)}[/]");
        Row("started", Display.Time(run.StartedAt));
        Row("finished", $"{Display.Time(run.FinishedAt)} [grey]({Display.Duration(run.StartedAt, run.FinishedAt)})[/]");
        Row("trigger", Markup.Escape(run.Trigger));
        return grid;
    }

    private static IRenderable Phases(IReadOnlyList<PhaseRecord> phases)
    {
        var table = new Table().Title("[bold]phases[/]").Border(TableBorder.Rounded)
            .AddColumns("phase", "status", "started", "duration");
        foreach (var phase in phases)
        {
            table.AddRow(phase.Phase.ToWireName(), Display.Status(phase.Status), Display.Time(phase.StartedAt),
                Display.Duration(phase.StartedAt, phase.FinishedAt));
        }

        return table;
    }

    private static IRenderable Gate(Gsm8kGateResult gate)
    {
        var verdict = gate.Passed ? "[green]passed[/]" : "[red]failed[/]";
        var table = new Table()
            .Title($"[bold]GSM8K gate[/] {verdict} — accuracy {Display.Percent(gate.Accuracy)} vs threshold {Display.Percent(gate.Threshold)} [grey]({Markup.Escape(gate.Rule)})[/]")
            .Border(TableBorder.Rounded)
            .AddColumns("trial", "accuracy", "invalid", "questions", "latency s", "output tok/s");
        foreach (var trial in gate.Trials)
        {
            table.AddRow(trial.Trial.ToString(System.Globalization.CultureInfo.InvariantCulture), Display.Percent(trial.Accuracy),
                Display.Percent(trial.Invalid), trial.Questions.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Display.Number(trial.LatencySeconds, "0.0"), Display.Number(trial.OutputThroughput, "0"));
        }

        return table;
    }

    private static IRenderable Checks(IReadOnlyList<RunCheckResult> checks)
    {
        var table = new Table().Title("[bold]checks[/]").Border(TableBorder.Rounded)
            .AddColumns("check", "status", "value", "took", "detail");
        foreach (var check in checks)
        {
            var status = check.Status switch
            {
                CheckStatus.Passed => "[green]passed[/]",
                CheckStatus.Failed or CheckStatus.TimedOut => $"[red]{WireFormat.Lower(check.Status)}[/]",
                _ => $"[yellow]{WireFormat.Lower(check.Status)}[/]",
            };
            table.AddRow(Markup.Escape(check.Name), status, Display.Number(check.Value, "0.###"),
                check.Duration is { } took ? Display.Number(took.TotalSeconds, "0.0") + " s" : "—", Display.Text(check.Detail));
        }

        return table;
    }

    private static IRenderable Points(IReadOnlyList<BenchmarkPointResult> points)
    {
        var loadHeader = points[0].LoadKind == LoadKind.Concurrency ? "concurrency" : "req/s in";
        var withGoodput = points.Any(p => p.Goodput is not null);
        var table = new Table().Title("[bold]benchmark[/] [grey](latencies in ms, median / p99)[/]").Border(TableBorder.Rounded)
            .AddColumn(loadHeader).AddColumn("rep").AddColumn("ok/failed")
            .AddColumn(new TableColumn("TTFT").RightAligned())
            .AddColumn(new TableColumn("ITL").RightAligned())
            .AddColumn(new TableColumn("E2E").RightAligned())
            .AddColumn(new TableColumn("req/s").RightAligned())
            .AddColumn(new TableColumn("out tok/s").RightAligned());
        if (withGoodput)
        {
            table.AddColumn(new TableColumn("goodput req/s").RightAligned());
        }

        foreach (var point in Ordered(points))
        {
            var failed = point.Failed > 0 ? $"[red]{point.Failed}[/]" : "0";
            var cells = new List<string>
            {
                Display.Number(point.Load), Whole(point.Repetition),
                $"{point.Completed}/{failed}", Pair(point.Ttft), Pair(point.Itl), Pair(point.E2e),
                Display.Number(point.RequestThroughput), Display.Number(point.OutputTokenThroughput, "0"),
            };
            if (withGoodput)
            {
                cells.Add(Display.Number(point.Goodput));
            }

            table.AddRow(cells.ToArray());
        }

        return table;
    }

    /// <summary>Why requests failed, per point that had failures; null when none did.</summary>
    private static IRenderable? Failures(IReadOnlyList<BenchmarkPointResult> points)
    {
        var failing = Ordered(points).Where(p => p.FailureReasons is { Count: > 0 }).ToList();
        if (failing.Count == 0)
        {
            return null;
        }

        var table = new Table().Title("[bold]failed requests[/] [grey](most frequent reasons per point)[/]").Border(TableBorder.Rounded)
            .AddColumn(points[0].LoadKind == LoadKind.Concurrency ? "concurrency" : "req/s in").AddColumn("rep")
            .AddColumn(new TableColumn("count").RightAligned()).AddColumn("reason");
        foreach (var point in failing)
        {
            foreach (var reason in point.FailureReasons)
            {
                table.AddRow(Display.Number(point.Load), Whole(point.Repetition), $"[red]{Whole(reason.Count)}[/]", Markup.Escape(reason.Reason));
            }
        }

        return table;
    }

    private static IEnumerable<BenchmarkPointResult> Ordered(IReadOnlyList<BenchmarkPointResult> points) =>
        points.OrderBy(p => p.Load).ThenBy(p => p.Repetition);

    private static IRenderable Offline(IReadOnlyList<OfflineResult> results)
    {
        var table = new Table().Title("[bold]offline[/] [grey](bench_one_batch; latencies in s, throughputs in token/s; NA: no numbers)[/]").Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("batch").RightAligned())
            .AddColumn(new TableColumn("input").RightAligned())
            .AddColumn(new TableColumn("output").RightAligned())
            .AddColumn(new TableColumn("prefill s").RightAligned())
            .AddColumn(new TableColumn("prefill tok/s").RightAligned())
            .AddColumn(new TableColumn("decode s").RightAligned())
            .AddColumn(new TableColumn("decode tok/s").RightAligned())
            .AddColumn(new TableColumn("total s").RightAligned())
            .AddColumn(new TableColumn("total tok/s").RightAligned());
        foreach (var r in results.OrderBy(r => r.InputLen).ThenBy(r => r.OutputLen).ThenBy(r => r.BatchSize))
        {
            table.AddRow(
                Whole(r.BatchSize), Whole(r.InputLen), Whole(r.OutputLen),
                Na(r.PrefillLatencyS, "0.#####"), Na(r.PrefillThroughput, "0.##"),
                Na(r.DecodeMedianLatencyS, "0.#####"), Na(r.DecodeMedianThroughput, "0.##"),
                Na(r.TotalLatencyS, "0.###"), Na(r.TotalThroughput, "0.##"));
        }

        return table;
    }

    private static string Whole(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Na(double? value, string format) => value is null ? "[grey]NA[/]" : Display.Number(value, format);

    private static string Pair(LatencyStats stats) => $"{Display.Number(stats.Median, "0.0")} / {Display.Number(stats.P99, "0.0")}";
}
