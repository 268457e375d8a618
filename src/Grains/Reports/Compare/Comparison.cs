using SglangCi.Interfaces.History;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// Two runs or two nights of a series side by side — a header per side, the GSM8K gates (runs only: a night is a set
/// of points, not a gate) and a table per load point of either side with every metric's change. The one model the
/// dashboard's compare page and <c>sglang-ci compare</c> both render, so they cannot disagree on a verdict.
/// </summary>
/// <param name="Problem">Why there is nothing to compare (a run not found, no previous night); null when there is.</param>
/// <param name="UnknownRunId">The run id that was asked for and not found, so a caller can tell a typo from a series
/// without history (the CLI exits differently); null otherwise.</param>
public sealed record Comparison(
    CompareSelection Selection,
    CompareSide? A,
    CompareSide? B,
    GateComparison? Gate,
    IReadOnlyList<LoadComparison> Loads,
    string? Problem,
    string? UnknownRunId = null)
{
    public CompareKind Kind => Selection.Kind;

    /// <summary>True when a load point of either run had several repetitions, so the page says which one it compares.</summary>
    public bool HadRepetitions => Loads.Any(l => l.A?.Repetitions > 1 || l.B?.Repetitions > 1);

    /// <summary>What is compared, in one line: "GROK1 online on mi30x — 2025-10-29 vs 2025-10-28"; null when there is nothing.</summary>
    public string? Headline => A is null || B is null ? null
        : $"{A.Model} {ReportText.Mode(A.Mode)} on {A.Hardware} — {ReportText.Date(A.ImageDate)} vs {ReportText.Date(B.ImageDate)}";

    /// <summary>This comparison with B written out (an automatically chosen B, pinned for a bookmark); null when there is none.</summary>
    public CompareSelection? Pinned => A is null || B is null ? null
        : Kind == CompareKind.Runs ? CompareSelection.Runs(A.Run!.Id, B.Run!.Id)
        : CompareSelection.Nights(A.Hardware, A.Model, A.Mode, A.Host, A.ImageDate!.Value, B.ImageDate);

    public static Comparison Empty(CompareSelection selection, string? problem = null) => new(selection, null, null, null, [], problem);

    private static Comparison Unknown(CompareSelection selection, string runId) =>
        new(selection, null, null, null, [], $"No run has the id {runId}.", runId);

    /// <summary>Reads what the selection names from <paramref name="source"/> (the cluster, or a results file) and compares it.</summary>
    public static Task<Comparison> LoadAsync(IComparisonSource source, CompareSelection selection, CancellationToken cancellationToken = default) => selection.Kind switch
    {
        CompareKind.Runs => LoadRunsAsync(source, selection, cancellationToken),
        CompareKind.Nights => LoadNightsAsync(source, selection, cancellationToken),
        _ => Task.FromResult(Empty(selection)),
    };

    /// <summary>Two runs; without B, the run of the previous night of A's series (hardware, host, model, mode).</summary>
    private static async Task<Comparison> LoadRunsAsync(IComparisonSource source, CompareSelection selection, CancellationToken cancellationToken)
    {
        var a = await source.GetRunAsync(selection.A!, cancellationToken);
        if (a is null)
        {
            return Unknown(selection, selection.A!);
        }

        var bId = selection.B;
        var auto = bId is null;
        if (auto)
        {
            var run = a.Run;
            if (run.ImageDate is not { } date)
            {
                return Empty(selection, $"Run {run.Id} has no image date, so it has no previous night to compare with. Name a run B.");
            }

            var trend = await source.TrendAsync(new TrendQuery(run.Hardware, run.Model, run.Mode, run.Host, To: date.AddDays(-1)), cancellationToken);
            if (PreviousNight.Find(trend, run.Host, date) is not { } previous)
            {
                return Empty(selection, $"No night before {ReportText.Date(date)} on {run.Host} ({run.Model} {ReportText.Mode(run.Mode)} on {run.Hardware}) to compare run {run.Id} with. Name a run B.");
            }

            bId = previous.RunId;
        }

        var b = await source.GetRunAsync(bId!, cancellationToken);
        return b is null ? Unknown(selection, bId!) : Runs(selection, a, b, auto);
    }

    /// <summary>Two nights of one series; without B, the night before A.</summary>
    private static async Task<Comparison> LoadNightsAsync(IComparisonSource source, CompareSelection selection, CancellationToken cancellationToken)
    {
        if (selection.DateA is null || (selection.B is not null && selection.DateB is null))
        {
            return Empty(selection, "Nights are named by image date, yyyy-MM-dd.");
        }

        var trend = await source.TrendAsync(
            new TrendQuery(selection.Hardware!, selection.Model!, selection.NightMode, selection.Host), cancellationToken);
        return Nights(selection, trend);
    }

    /// <summary>Two runs, compared load point by load point (pure: the tests drive it directly).</summary>
    public static Comparison Runs(CompareSelection selection, RunDetails a, RunDetails b, bool bAutoChosen)
    {
        var pointsA = ComparedPoint.FromRun(a);
        var pointsB = ComparedPoint.FromRun(b);
        return new Comparison(selection,
            CompareSide.OfRun(a, pointsA, false),
            CompareSide.OfRun(b, pointsB, bAutoChosen),
            new GateComparison(a.Gsm8k, b.Gsm8k),
            LoadComparison.Union(pointsA, pointsB),
            null);
    }

    /// <summary>
    /// Two nights of the selection's series out of its trend (pure). The host defaults to the one night A ran on (the
    /// first, by name, when several did); night B defaults to the latest night before A on that host.
    /// </summary>
    public static Comparison Nights(CompareSelection selection, IReadOnlyList<TrendPoint> trend)
    {
        var dateA = selection.DateA!.Value;
        var host = selection.Host ?? trend.Where(p => p.ImageDate == dateA).Select(p => p.Host).Order(StringComparer.Ordinal).FirstOrDefault();
        var series = $"{selection.Model} {ReportText.Mode(selection.NightMode)} on {selection.Hardware}";
        var nightA = trend.Where(p => p.ImageDate == dateA && string.Equals(p.Host, host, StringComparison.Ordinal)).ToList();
        if (host is null || nightA.Count == 0)
        {
            return Empty(selection, $"{series}{(host is null ? "" : " on " + host)} has no night on {ReportText.Date(dateA)}.");
        }

        DateOnly dateB;
        List<TrendPoint> nightB;
        var auto = selection.DateB is null;
        if (selection.DateB is { } asked)
        {
            dateB = asked;
            nightB = trend.Where(p => p.ImageDate == asked && string.Equals(p.Host, host, StringComparison.Ordinal)).ToList();
            if (nightB.Count == 0)
            {
                return Empty(selection, $"{series} on {host} has no night on {ReportText.Date(asked)}.");
            }
        }
        else if (PreviousNight.Find(trend, host, dateA) is { } previous)
        {
            dateB = previous.Date;
            nightB = [.. previous.Points];
        }
        else
        {
            return Empty(selection, $"{series} on {host} has no night before {ReportText.Date(dateA)}.");
        }

        var pointsA = nightA.Select(ComparedPoint.FromNight).ToList();
        var pointsB = nightB.Select(ComparedPoint.FromNight).ToList();
        var resolved = selection with { Host = host, Mode = selection.NightMode };
        return new Comparison(resolved,
            CompareSide.OfNight(selection.Hardware!, host, selection.Model!, selection.NightMode, dateA, nightA, pointsA, false),
            CompareSide.OfNight(selection.Hardware!, host, selection.Model!, selection.NightMode, dateB, nightB, pointsB, auto),
            null,
            LoadComparison.Union(pointsA, pointsB),
            null);
    }

    /// <summary>The image dates one host has nights on in a series' trend, newest first (the night pickers' choices).</summary>
    public static IReadOnlyList<DateOnly> NightDates(IEnumerable<TrendPoint> trend, string host) => trend
        .Where(p => string.Equals(p.Host, host, StringComparison.Ordinal))
        .Select(p => p.ImageDate)
        .Distinct()
        .OrderDescending()
        .ToList();
}
