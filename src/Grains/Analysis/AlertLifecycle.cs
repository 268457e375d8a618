using SglangCi.Interfaces.Analysis;
using SglangCi.Toolkit.Analysis;

namespace SglangCi.Grains.Analysis;

/// <summary>
/// The alert lifecycle, one night at a time (pure: the regression watch feeds it stored alerts and the night's evidence).
/// <list type="bullet">
/// <item>Open: a confirmed regression, an accuracy regression above the threshold, or a (host, model, mode) that went
/// missing — unless its series already has an active alert (one per series: a week-long regression is one alert).</item>
/// <item>Still bad: the active alert is kept, its latest night and value updated.</item>
/// <item>Resolved by itself when the series recovers: back within half the minimum change of the baseline it was opened
/// against (not of the moving baseline, which absorbs a lasting step within a fortnight and would "recover" a
/// regression nobody fixed); accuracy back within half the minimum accuracy drop; missing data when the group produces again, or
/// retired after <see cref="AnalysisOptions.RetireAfterNights"/> without any night.</item>
/// <item>Acknowledged alerts follow the same rules: acknowledging says someone is on it, not that it is fixed.</item>
/// <item>A change whose alert was resolved (by hand: "new level accepted", or by recovery) is not opened again while the
/// detector still reports the same change (same series, same first bad night): the detector keeps confirming a step
/// every night until its baseline has absorbed it.</item>
/// <item>An active alert opened on the night being analysed counts as opened: a night analysed again after a crash
/// between saving the alerts and recording the night still announces them.</item>
/// </list>
/// </summary>
public static class AlertLifecycle
{
    /// <param name="known">The hardware's active alerts and its recently resolved ones (those keep a resolved change closed).</param>
    public static LifecycleStep Advance(NightEvidence evidence, IReadOnlyList<SeriesAlert> known, AnalysisOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(options);
        var night = evidence.Night;
        var byKey = known.Where(a => a.IsActive).ToDictionary(a => a.SeriesKey, StringComparer.Ordinal);
        var closed = known.Where(a => !a.IsActive).Select(a => (a.SeriesKey, a.Since)).ToHashSet();
        var opened = new List<SeriesAlert>();
        var stillBad = new Dictionary<string, SeriesAlert>(StringComparer.Ordinal);

        void OpenOrKeep(SeriesAlert candidate, double? value, double? change)
        {
            if (byKey.TryGetValue(candidate.SeriesKey, out var existing))
            {
                stillBad[existing.SeriesKey] = existing with { LastNight = Later(existing.LastNight, night), Value = value ?? existing.Value, Change = change ?? existing.Change };
            }
            else if (!closed.Contains((candidate.SeriesKey, candidate.Since)) && opened.All(o => o.SeriesKey != candidate.SeriesKey))
            {
                opened.Add(candidate);
            }
        }

        foreach (var f in evidence.Findings.Where(f => f.Night == night && f.Verdict is NightVerdict.ConfirmedRegression or NightVerdict.CandidateRegression))
        {
            var alert = SeriesAlerts.Regression(evidence.Hardware, f, night);
            if (f.Verdict == NightVerdict.ConfirmedRegression || byKey.ContainsKey(alert.SeriesKey))
            {
                OpenOrKeep(alert, f.Value, byKey.TryGetValue(alert.SeriesKey, out var open) ? Change(open, f.Value) : f.RelativeChange);
            }
        }

        foreach (var f in evidence.AccuracyFindings.Where(f => f.Night == night && f.Verdict == AccuracyVerdict.Regression))
        {
            OpenOrKeep(SeriesAlerts.Accuracy(evidence.Hardware, f, night), f.Mean, null);
        }

        foreach (var missing in evidence.Missing)
        {
            OpenOrKeep(SeriesAlerts.Missing(missing, night), null, null);
        }

        var updated = new List<SeriesAlert>();
        var resolved = new List<SeriesAlert>();
        foreach (var alert in byKey.Values)
        {
            if (stillBad.TryGetValue(alert.SeriesKey, out var kept))
            {
                (kept.OpenedNight == night ? opened : updated).Add(kept);
            }
            else if (Recovery(alert, evidence, options) is { } why)
            {
                resolved.Add(alert with
                {
                    Status = SeriesAlertStatus.Resolved,
                    LastNight = Later(alert.LastNight, night),
                    ResolvedNight = night,
                    ResolvedAt = now,
                    Resolution = why,
                    Value = evidence.Values.TryGetValue(alert.SeriesKey, out var value) ? value : alert.Value,
                });
            }
        }

        return new LifecycleStep(opened, updated, resolved, byKey.Count - resolved.Count + opened.Count(o => !byKey.ContainsKey(o.SeriesKey)));
    }

    /// <summary>Why the alert's series counts as recovered on the evidence's night; null when it does not (or has no night to judge).</summary>
    private static string? Recovery(SeriesAlert alert, NightEvidence evidence, AnalysisOptions options)
    {
        var group = (alert.Model, alert.Mode);
        switch (alert.Kind)
        {
            case SeriesAlertKind.MissingData when evidence.Produced.Contains(group):
                return $"data back on {evidence.Night:yyyy-MM-dd}";
            case SeriesAlertKind.MissingData:
                var last = evidence.LastNights.TryGetValue(group, out var seen) ? seen : alert.Since?.AddDays(-1) ?? alert.OpenedNight;
                return evidence.Night.DayNumber - last.DayNumber > options.RetireAfterNights
                    ? $"retired: no night since {last:yyyy-MM-dd} (more than {options.RetireAfterNights} nights)"
                    : null;
        }

        if (!evidence.Values.TryGetValue(alert.SeriesKey, out var value) || alert.Baseline is not { } baseline)
        {
            return null;
        }

        if (alert.Kind == SeriesAlertKind.AccuracyRegression)
        {
            return baseline - value < options.Detection.AccuracyMinimumDrop / 2
                ? FormattableString.Invariant($"recovered on {evidence.Night:yyyy-MM-dd}: accuracy {value:0.000} against baseline {baseline:0.000}")
                : null;
        }

        var metric = SeriesMetric.All.FirstOrDefault(m => m.Name == alert.Metric);
        if (metric is null || baseline == 0)
        {
            return null;
        }

        var minimum = metric.Tail ? options.Detection.MinimumTailChange : options.Detection.MinimumChange;
        var worse = Worse(metric.Direction, baseline, value);
        return worse < minimum / 2
            ? FormattableString.Invariant($"recovered on {evidence.Night:yyyy-MM-dd}: {value:0.###} against baseline {baseline:0.###} ({worse:+0.0%;-0.0%})")
            : null;
    }

    /// <summary>The relative change of a value against the alert's own baseline, positive when worse.</summary>
    private static double? Change(SeriesAlert alert, double value)
    {
        var metric = SeriesMetric.All.FirstOrDefault(m => m.Name == alert.Metric);
        return metric is null || alert.Baseline is not { } baseline || baseline == 0 ? null : Worse(metric.Direction, baseline, value);
    }

    private static double Worse(MetricDirection direction, double baseline, double value)
    {
        var change = (value - baseline) / Math.Abs(baseline);
        return direction == MetricDirection.LowerIsBetter ? change : -change;
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
