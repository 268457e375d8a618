using System.Globalization;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Analysis;

namespace SglangCi.Grains.Analysis;

/// <summary>
/// The one message a hardware's night sends (a <see cref="AlertCardKind.BenchmarkNight"/> card): new regressions (benchmark
/// and accuracy), series gone missing, alerts resolved, and improvements (shown, never alerted on their own). Error when
/// it opened a regression, Warning when only data went missing, Info otherwise; no card when nothing changed.
/// </summary>
public static class NightCard
{
    private const string TitleDate = "yyyy-MM-dd";

    public static AlertMessage? Build(NightEvidence evidence, LifecycleStep step, AnalysisOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(options);
        var improvements = evidence.Improvements.ToList();
        if (step.Opened.Count == 0 && step.Resolved.Count == 0 && improvements.Count == 0)
        {
            return null;
        }

        var regressions = step.Opened.Where(a => a.Kind == SeriesAlertKind.Regression).ToList();
        var accuracy = step.Opened.Where(a => a.Kind == SeriesAlertKind.AccuracyRegression).ToList();
        var missing = step.Opened.Where(a => a.Kind == SeriesAlertKind.MissingData).ToList();
        var night = evidence.Night.ToString(TitleDate, CultureInfo.InvariantCulture);
        var severity = regressions.Count + accuracy.Count > 0 ? AlertSeverity.Error : missing.Count > 0 ? AlertSeverity.Warning : AlertSeverity.Info;
        var headline = new List<string>();
        Count(headline, regressions.Count, "regression");
        Count(headline, accuracy.Count, "accuracy regression");
        Count(headline, missing.Count, "series missing", "series missing");
        Count(headline, step.Resolved.Count, "resolved", "resolved");
        Count(headline, improvements.Count, "improvement");

        var tables = new List<AlertTable>();
        if (regressions.Count > 0)
        {
            tables.Add(new AlertTable("New regressions", ["Series", "Metric", "Baseline", "Tonight", "Change", "Image (last good → tonight)"],
                [.. regressions.Select(a => Row(Series(a), a.Metric, Number(a.Baseline), Number(a.Value), Percent(a.Change), Images(a)))]));
        }

        if (accuracy.Count > 0)
        {
            tables.Add(new AlertTable("Accuracy regressions (gate passed)", ["Series", "Baseline", "Tonight", "Drop", "Image (last good → tonight)"],
                [.. accuracy.Select(a => Row(Series(a), Accuracy(a.Baseline), Accuracy(a.Value), Points(a.Change), Images(a)))]));
        }

        if (missing.Count > 0)
        {
            tables.Add(new AlertTable("Missing data", ["Series", "Last night"],
                [.. missing.Select(a => Row(Series(a), a.Since?.AddDays(-1).ToString(TitleDate, CultureInfo.InvariantCulture) ?? ""))]));
        }

        if (step.Resolved.Count > 0)
        {
            tables.Add(new AlertTable("Resolved", ["Series", "Metric", "Opened", "Why"],
                [.. step.Resolved.Select(a => Row(Series(a), a.Metric, a.OpenedNight.ToString(TitleDate, CultureInfo.InvariantCulture), a.Resolution ?? ""))]));
        }

        if (improvements.Count > 0)
        {
            tables.Add(new AlertTable("Improvements", ["Series", "Metric", "Baseline", "Tonight", "Change"],
                [.. improvements.Select(f => Row(
                    $"{f.Series.Model} {f.Series.Mode} {LoadText(f.Series.LoadKind, f.Series.Load)} on {f.Series.Host}", f.Metric,
                    Number(f.Baseline), Number(f.Value), Percent(-f.RelativeChange)))]));
        }

        var dashboard = options.DashboardUrl?.TrimEnd('/');
        return new AlertMessage(
            DedupeKey: $"benchmark-night:{evidence.Hardware}:{night}",
            Title: $"{night} benchmark night — {evidence.Hardware}: {string.Join(", ", headline)}",
            Severity: severity,
            Text: Text(regressions.Count + accuracy.Count, missing.Count),
            Facts: new Dictionary<string, string>
            {
                ["hardware"] = evidence.Hardware,
                ["night"] = night,
                ["newRegressions"] = (regressions.Count + accuracy.Count).ToString(CultureInfo.InvariantCulture),
                ["stillActive"] = step.StillActive.ToString(CultureInfo.InvariantCulture),
                ["candidates"] = evidence.CandidateRegressions.ToString(CultureInfo.InvariantCulture),
            },
            CreatedAt: now)
        {
            Kind = AlertCardKind.BenchmarkNight,
            Tables = tables,
            Charts = dashboard is null ? [] : [.. regressions.Select(a => SeriesCharts.For(dashboard, a)).OfType<AlertChart>().Take(Math.Max(0, options.ChartsPerCard))],
            Link = dashboard is null ? null : $"{dashboard}/alerts?hardware={Uri.EscapeDataString(evidence.Hardware)}",
        };
    }

    private static string Text(int regressions, int missing) => (regressions, missing) switch
    {
        ( > 0, _) => "Confirmed by a second bad night or a same-night rerun, against the median of the series' last 14 valid nights. Diff the images to find the change.",
        (_, > 0) => "Series that ran in the last nights produced nothing tonight: look at the night's failed or skipped runs.",
        _ => "No new regression tonight.",
    };

    private static void Count(List<string> parts, int count, string singular, string? plural = null)
    {
        if (count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural ?? singular + "s")}"));
        }
    }

    private static IReadOnlyList<string> Row(params string[] cells) => cells;

    public static string Series(SeriesAlert a)
    {
        var load = a.LoadKind is { } kind ? " " + LoadText(kind, a.Load ?? 0) : "";
        var host = string.IsNullOrEmpty(a.Host) ? "" : " on " + a.Host;
        return $"{a.Model} {a.Mode}{load}{host}";
    }

    private static string LoadText(Interfaces.Presets.LoadKind kind, double load) => kind == Interfaces.Presets.LoadKind.Concurrency
        ? string.Create(CultureInfo.InvariantCulture, $"@{load:0.##}")
        : string.Create(CultureInfo.InvariantCulture, $"@{load:0.##} req/s");

    private static string Images(SeriesAlert a) => $"{a.BaselineImage ?? "?"} → {a.Image ?? "?"}";

    private static string Number(double? value) => value is { } v ? v.ToString(v >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture) : "";

    private static string Percent(double? change) => change is { } c ? c.ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture) : "";

    private static string Accuracy(double? value) => value is { } v ? v.ToString("0.0%", CultureInfo.InvariantCulture) : "";

    private static string Points(double? drop) => drop is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d * 100:0.0} points") : "";
}
