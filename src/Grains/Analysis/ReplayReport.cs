using System.Globalization;

namespace SglangCi.Grains.Analysis;

/// <summary>What a replay of the detector over stored history found: how much it looked at, every flagged night, and
/// the change points of the sweep, and the accuracy series' bad nights.</summary>
public sealed record ReplayReport(
    int Series, int SeriesNights, DateOnly? First, DateOnly? Last, IReadOnlyList<SeriesFinding> Findings, IReadOnlyList<SeriesChangePoint> ChangePoints)
{
    /// <summary>Accuracy nights below the threshold or regressed above it.</summary>
    public IReadOnlyList<AccuracyFinding> AccuracyFindings { get; init; } = [];

    /// <summary>Each confirmed regression once, on the night it was first confirmed.</summary>
    public IEnumerable<SeriesFinding> Regressions => Findings.Where(f => f.OpensRegression);

    /// <summary>Alerts a live system would have sent: one message per night and hardware that confirmed a regression of a
    /// benchmark metric or of accuracy (counted together).</summary>
    public IReadOnlyList<(string Hardware, DateOnly Night, int Regressions)> AlertMessages =>
        [.. Regressions.Select(f => (f.Series.Hardware, f.Night))
            .Concat(AccuracyFindings.Where(f => f.OpensRegression).Select(f => (f.Hardware, f.Night)))
            .GroupBy(key => key).Select(g => (g.Key.Hardware, g.Key.Night, g.Count())).OrderBy(m => m.Night).ThenBy(m => m.Hardware, StringComparer.Ordinal)];

    /// <summary>Per hardware and ISO week (<c>2025-W44</c>): alert messages and, of the regressions in them, those the
    /// following nights did not bear out.</summary>
    public IReadOnlyList<(string Hardware, string Week, int Messages, int FalseAlerts)> Weekly =>
        [.. AlertMessages
            .GroupBy(m => (m.Hardware, Week: Week(m.Night)))
            .Select(g => (g.Key.Hardware, g.Key.Week, g.Count(),
                Regressions.Count(f => f.Series.Hardware == g.Key.Hardware && Week(f.Night) == g.Key.Week && f.IsFalseAlert)))
            .OrderBy(w => w.Week, StringComparer.Ordinal).ThenBy(w => w.Hardware, StringComparer.Ordinal)];

    /// <summary>Weeks the replay spans (at least one).</summary>
    public int Weeks => First is { } first && Last is { } last ? Math.Max(1, (int)Math.Ceiling((last.DayNumber - first.DayNumber + 1) / 7.0)) : 1;

    public static string Week(DateOnly night)
    {
        var date = night.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):00}");
    }
}
