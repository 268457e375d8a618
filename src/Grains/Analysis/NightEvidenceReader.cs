using SglangCi.Grains.History;
using SglangCi.Interfaces.Analysis;
using SglangCi.Interfaces.History;
using SglangCi.Toolkit.Metrics;

namespace SglangCi.Grains.Analysis;

/// <summary>
/// Gathers a hardware's <see cref="NightEvidence"/> from stored history: the detector replayed over every series up to
/// the night (as if live, without the change-point sweep), and the night's own values and groups. Series keys carry the
/// watch's hardware key, whatever spelling stored runs use. The history queries remember their answers until the
/// results change, so the second pass over the trends costs no SQL.
/// </summary>
public static class NightEvidenceReader
{
    public static async Task<NightEvidence> ReadAsync(
        IHistoryQueries history, string hardware, DateOnly night, bool staleImage, AnalysisOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        var replay = await HistoryReplay.RunAsync(history, new ReplayScope(hardware, night, ChangePoints: false), options.Detection, cancellationToken);
        var tonight = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var produced = new HashSet<(string Model, string Mode)>();
        var lastNights = new Dictionary<(string Model, string Mode), (DateOnly Night, string Host, string? Image)>();

        void Saw(string model, string mode, string host, DateOnly date, string? image)
        {
            if (date == night)
            {
                produced.Add((model, mode));
            }
            else if (!lastNights.TryGetValue((model, mode), out var known) || known.Night < date)
            {
                lastNights[(model, mode)] = (date, host, image);
            }
        }

        void Value(string key, double value)
        {
            if (!tonight.TryGetValue(key, out var values))
            {
                tonight[key] = values = [];
            }

            values.Add(value);
        }

        var series = (await history.SeriesAsync(cancellationToken)).Where(s => string.Equals(s.Hardware, hardware, StringComparison.OrdinalIgnoreCase));
        foreach (var group in series.GroupBy(s => (s.Hardware, s.Model, s.Mode, s.Host)))
        {
            var trend = await history.TrendAsync(new TrendQuery(group.Key.Hardware, group.Key.Model, group.Key.Mode, group.Key.Host, To: night), cancellationToken);
            foreach (var point in trend)
            {
                Saw(group.Key.Model, group.Key.Mode, point.Host, point.ImageDate, point.Image);
                if (point.ImageDate != night)
                {
                    continue;
                }

                foreach (var metric in SeriesMetric.All)
                {
                    if (metric.Read(point) is { } value && double.IsFinite(value))
                    {
                        Value(SeriesAlert.SeriesKeyOf(hardware, point.Host, group.Key.Model, group.Key.Mode, point.LoadKind, point.Load, metric.Name), value);
                    }
                }
            }
        }

        var accuracy = (await history.AccuracyAsync(hardware, cancellationToken)).Where(p => p.ImageDate <= night).ToList();
        foreach (var point in accuracy)
        {
            Saw(point.Model, point.Mode, point.Host, point.ImageDate, point.Image);
        }

        foreach (var gate in accuracy.Where(p => p.ImageDate == night && p.Trials.Count > 0).GroupBy(p => (p.Host, p.Model, p.Mode)))
        {
            Value(SeriesAlert.SeriesKeyOf(hardware, gate.Key.Host, gate.Key.Model, gate.Key.Mode, null, null, SeriesAlerts.AccuracyMetric),
                SampleStatistics.Mean([.. gate.SelectMany(p => p.Trials)]));
        }

        // A stale night has no new image to judge: its absence of data is the image's, which the image check reports.
        var missing = staleImage ? [] : lastNights
            .Where(g => !produced.Contains(g.Key) && night.DayNumber - g.Value.Night.DayNumber <= options.MissingLookbackNights)
            .Select(g => new MissingSeries(hardware, g.Key.Model, g.Key.Mode, g.Value.Night, g.Value.Host, g.Value.Image))
            .OrderBy(m => m.Model, StringComparer.Ordinal).ThenBy(m => m.Mode, StringComparer.Ordinal)
            .ToList();
        // A night's value is the median of its runs (a same-night rerun adds one), as the detector judges it.
        return new NightEvidence(
            hardware, night, [.. replay.Findings.Where(f => f.Night == night)], [.. replay.AccuracyFindings.Where(f => f.Night == night)],
            tonight.ToDictionary(v => v.Key, v => SampleStatistics.Median(v.Value), StringComparer.Ordinal), produced, missing,
            lastNights.ToDictionary(g => g.Key, g => g.Value.Night));
    }
}
