using SglangCi.Grains.History;
using SglangCi.Interfaces.History;
using SglangCi.Toolkit.Analysis;
using SglangCi.Toolkit.Metrics;

namespace SglangCi.Grains.Analysis;

/// <summary>
/// Runs the <see cref="RegressionDetector"/> over stored history night by night, as if live, for every series (hardware,
/// host, model, mode, load point) and every <see cref="SeriesMetric"/>, reports each flagged night, and sweeps each
/// series for change points (<see cref="ChangePointSweep"/>), and judges every GSM8K accuracy series (hardware, host,
/// model, mode) with the <see cref="AccuracyDetector"/>. A regression alert
/// (the night a regression is first confirmed) is <em>borne out</em> when the median of the (up to three) valid nights after it is still worse than the
/// baseline it was judged against by at least half the minimum change; otherwise it was a false alert.
/// </summary>
public static class HistoryReplay
{
    private const int NightsToBearOut = 3;

    /// <param name="hardware">Only this hardware's series; null: all.</param>
    public static Task<ReplayReport> RunAsync(
        IHistoryQueries history, string? hardware, DetectionSettings? settings, CancellationToken cancellationToken) =>
        RunAsync(history, new ReplayScope(hardware), settings, cancellationToken);

    public static async Task<ReplayReport> RunAsync(
        IHistoryQueries history, ReplayScope scope, DetectionSettings? settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var hardware = scope.Hardware;
        ArgumentNullException.ThrowIfNull(history);
        settings ??= DetectionSettings.Default;
        var findings = new List<SeriesFinding>();
        var changePoints = new List<SeriesChangePoint>();
        var seriesCount = 0;
        var seriesNights = 0;
        DateOnly? first = null, last = null;
        var all = await history.SeriesAsync(cancellationToken);
        foreach (var group in all.Where(s => hardware is null || string.Equals(s.Hardware, hardware, StringComparison.OrdinalIgnoreCase)).GroupBy(s => (s.Hardware, s.Model, s.Mode, s.Host)))
        {
            var points = await history.TrendAsync(new TrendQuery(group.Key.Hardware, group.Key.Model, group.Key.Mode, group.Key.Host, To: scope.Through), cancellationToken);
            foreach (var series in group)
            {
                var nights = points.Where(p => p.LoadKind == series.LoadKind && p.Load == series.Load)
                    .GroupBy(p => p.ImageDate).OrderBy(g => g.Key).ToList();
                if (nights.Count == 0)
                {
                    continue;
                }

                seriesCount++;
                seriesNights += nights.Count;
                first = Min(first, nights[0].Key);
                last = Max(last, nights[^1].Key);
                foreach (var metric in SeriesMetric.All)
                {
                    var values = nights.Select(n => new SeriesNight(n.Key, [.. n.Select(metric.Read).OfType<double>().Where(double.IsFinite)])).ToList();
                    findings.AddRange(Assess(series, metric, nights, values, settings));
                    if (!scope.ChangePoints)
                    {
                        continue;
                    }

                    changePoints.AddRange(ChangePointSweep.Find(values, metric.Direction, metric.Tail, settings)
                        .Select(p => new SeriesChangePoint(series, metric.Name, p, nights.First(n => n.Key == p.Night).First().Image)));
                }
            }
        }

        var accuracy = await history.AccuracyAsync(hardware, cancellationToken);
        var accuracyFindings = AssessAccuracy(accuracy.Where(p => scope.Through is not { } through || p.ImageDate <= through), settings);
        return new ReplayReport(seriesCount, seriesNights, first, last, findings, changePoints) { AccuracyFindings = accuracyFindings };
    }

    /// <summary>
    /// Each accuracy series' nights judged in order: a night is every trial of that night's runs (a rerun adds trials),
    /// against the threshold of its latest run (a preset's threshold can change between versions).
    /// </summary>
    private static IReadOnlyList<AccuracyFinding> AssessAccuracy(IEnumerable<AccuracyPoint> points, DetectionSettings settings)
    {
        var findings = new List<AccuracyFinding>();
        foreach (var series in points.GroupBy(p => (p.Hardware, p.Host, p.Model, p.Mode)))
        {
            var nights = series.GroupBy(p => p.ImageDate).OrderBy(n => n.Key).ToList();
            var threshold = nights[^1].Last().Threshold;
            var assessments = AccuracyDetector.Assess([.. nights.Select(n => new AccuracyNight(n.Key, [.. n.SelectMany(p => p.Trials)]))], threshold, settings);
            AccuracyVerdict? previous = null;
            DateOnly stretchStart = default;
            string? lastGoodImage = null;
            foreach (var (assessment, night) in assessments.Zip(nights.Where(n => n.Any(p => p.Trials.Count > 0))))
            {
                var image = night.Last().Image;
                if (previous != assessment.Verdict)
                {
                    stretchStart = assessment.Night;
                }

                if (assessment.Verdict is AccuracyVerdict.Regression or AccuracyVerdict.BelowThreshold)
                {
                    findings.Add(new AccuracyFinding(
                        series.Key.Hardware, series.Key.Host, series.Key.Model, series.Key.Mode, assessment.Night, assessment.Verdict, assessment.Mean,
                        assessment.Baseline, assessment.Drop, assessment.RequiredDrop, night.Sum(p => p.Trials.Count), image, lastGoodImage,
                        Opens: previous != assessment.Verdict)
                    { Since = stretchStart });
                }
                else
                {
                    lastGoodImage = image;
                }

                previous = assessment.Verdict;
            }
        }

        return findings;
    }

    private static IEnumerable<SeriesFinding> Assess(
        TrendSeries series, SeriesMetric metric, List<IGrouping<DateOnly, TrendPoint>> nights, List<SeriesNight> values, DetectionSettings settings)
    {
        var assessments = RegressionDetector.Assess(values, metric.Direction, metric.Tail, settings);
        var minimumChange = metric.Tail ? settings.MinimumTailChange : settings.MinimumChange;
        for (var i = 0; i < assessments.Count; i++)
        {
            var a = assessments[i];
            if (a.Verdict is NightVerdict.Normal or NightVerdict.Missing or NightVerdict.InsufficientHistory)
            {
                continue;
            }

            var changeStart = a.Since is { } since ? nights.FindIndex(n => n.Key == since) : i;
            var before = LastNormalBefore(assessments, changeStart);
            var previous = assessments.Take(i).LastOrDefault(x => x.Value is not null);
            var opens = a.Verdict is NightVerdict.ConfirmedRegression or NightVerdict.ConfirmedImprovement
                && (a.Since == a.Night || previous?.Verdict is NightVerdict.CandidateRegression or NightVerdict.CandidateImprovement);
            yield return new SeriesFinding(
                series, metric.Name, a.Night, a.Since, a.Verdict, a.Value!.Value, a.Baseline!.Value, a.RelativeChange!.Value, a.Spreads,
                nights[i].First().Image, before >= 0 ? nights[before].First().Image : null, opens,
                opens && a.Verdict == NightVerdict.ConfirmedRegression ? BorneOut(assessments, i, metric.Direction, minimumChange / 2) : null);
        }
    }

    /// <summary>The last night before <paramref name="index"/> that was judged normal (the image to diff against), or -1.</summary>
    private static int LastNormalBefore(IReadOnlyList<NightAssessment> assessments, int index)
    {
        for (var j = index - 1; j >= 0; j--)
        {
            if (assessments[j].Verdict is NightVerdict.Normal or NightVerdict.InsufficientHistory)
            {
                return j;
            }
        }

        return -1;
    }

    /// <summary>Whether the valid nights after <paramref name="at"/> stay worse than its baseline; null when none follow.</summary>
    private static bool? BorneOut(IReadOnlyList<NightAssessment> assessments, int at, MetricDirection direction, double stillWorse)
    {
        var baseline = assessments[at].Baseline!.Value;
        var after = assessments.Skip(at + 1).Where(a => a.Value is not null).Take(NightsToBearOut).Select(a => a.Value!.Value).ToList();
        if (after.Count == 0 || baseline == 0)
        {
            return null;
        }

        var change = (SampleStatistics.Median(after) - baseline) / Math.Abs(baseline);
        return (direction == MetricDirection.LowerIsBetter ? change : -change) >= stillWorse;
    }

    private static DateOnly? Min(DateOnly? a, DateOnly b) => a is { } x && x < b ? x : b;

    private static DateOnly? Max(DateOnly? a, DateOnly b) => a is { } x && x > b ? x : b;
}
