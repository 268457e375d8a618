using SglangCi.Interfaces;
using SglangCi.Interfaces.History;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels.Compare;

/// <summary>
/// The compare page: two runs or two nights of a series side by side — a header card per side, the GSM8K gates (runs
/// only: a night is a set of points, not a gate) and a table per load point of either side with every metric's change.
/// </summary>
/// <param name="Problem">Why there is nothing to compare (a run not found, no previous night); null when there is.</param>
public sealed record CompareViewModel(
    CompareSelection Selection,
    CompareSide? A,
    CompareSide? B,
    GateComparison? Gate,
    IReadOnlyList<LoadComparison> Loads,
    string? Problem)
{
    public CompareKind Kind => Selection.Kind;

    /// <summary>True when a load point of either run had several repetitions, so the page says which one it compares.</summary>
    public bool HadRepetitions => Loads.Any(l => l.A?.Repetitions > 1 || l.B?.Repetitions > 1);

    /// <summary>The address of this comparison with B written out (an automatically chosen B, pinned for a bookmark).</summary>
    public string? PinnedHref => A is null || B is null ? null
        : Kind == CompareKind.Runs ? CompareSelection.Runs(A.Run!.Id, B.Run!.Id).Href
        : CompareSelection.Nights(A.Hardware, A.Model, A.Mode, A.Host, A.ImageDate!.Value, B.ImageDate).Href;

    public static CompareViewModel Empty(CompareSelection selection, string? problem = null) => new(selection, null, null, null, [], problem);

    public static Task<CompareViewModel> LoadAsync(IGrainFactory grains, CompareSelection selection) => selection.Kind switch
    {
        CompareKind.Runs => LoadRunsAsync(grains, selection),
        CompareKind.Nights => LoadNightsAsync(grains, selection),
        _ => Task.FromResult(Empty(selection)),
    };

    /// <summary>Two runs; without B, the run of the previous night of A's series (hardware, host, model, mode).</summary>
    private static async Task<CompareViewModel> LoadRunsAsync(IGrainFactory grains, CompareSelection selection)
    {
        var a = (await RunPageViewModel.LoadAsync(grains, selection.A!))?.Details;
        if (a is null)
        {
            return Empty(selection, $"No run has the id {selection.A}.");
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

            var trend = await grains.GetGrain<IHistoryQueryGrain>(0).Trend(new TrendQuery(run.Hardware, run.Model, run.Mode, run.Host, To: date.AddDays(-1)));
            if (PreviousNight.Find(trend, run.Host, date) is not { } previous)
            {
                return Empty(selection, $"No night before {Formats.Date(date)} on {run.Host} ({run.Model} {Modes.Display(run.Mode)} on {run.Hardware}) to compare run {run.Id} with. Name a run B.");
            }

            bId = previous.RunId;
        }

        var b = (await RunPageViewModel.LoadAsync(grains, bId!))?.Details;
        return b is null ? Empty(selection, $"No run has the id {bId}.") : Runs(selection, a, b, auto);
    }

    /// <summary>Two nights of one series; without B, the night before A.</summary>
    private static async Task<CompareViewModel> LoadNightsAsync(IGrainFactory grains, CompareSelection selection)
    {
        if (selection.DateA is null || (selection.B is not null && selection.DateB is null))
        {
            return Empty(selection, "Nights are named by image date, yyyy-MM-dd.");
        }

        var trend = await grains.GetGrain<IHistoryQueryGrain>(0).Trend(
            new TrendQuery(selection.Hardware!, selection.Model!, selection.NightMode, selection.Host));
        return Nights(selection, trend);
    }

    /// <summary>Two runs, compared load point by load point (pure: the tests drive it directly).</summary>
    public static CompareViewModel Runs(CompareSelection selection, RunDetails a, RunDetails b, bool bAutoChosen)
    {
        var pointsA = ComparedPoint.FromRun(a);
        var pointsB = ComparedPoint.FromRun(b);
        return new CompareViewModel(selection,
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
    public static CompareViewModel Nights(CompareSelection selection, IReadOnlyList<TrendPoint> trend)
    {
        var dateA = selection.DateA!.Value;
        var host = selection.Host ?? trend.Where(p => p.ImageDate == dateA).Select(p => p.Host).Order(StringComparer.Ordinal).FirstOrDefault();
        var series = $"{selection.Model} {Modes.Display(selection.NightMode)} on {selection.Hardware}";
        var nightA = trend.Where(p => p.ImageDate == dateA && string.Equals(p.Host, host, StringComparison.Ordinal)).ToList();
        if (host is null || nightA.Count == 0)
        {
            return Empty(selection, $"{series}{(host is null ? "" : " on " + host)} has no night on {Formats.Date(dateA)}.");
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
                return Empty(selection, $"{series} on {host} has no night on {Formats.Date(asked)}.");
            }
        }
        else if (PreviousNight.Find(trend, host, dateA) is { } previous)
        {
            dateB = previous.Date;
            nightB = [.. previous.Points];
        }
        else
        {
            return Empty(selection, $"{series} on {host} has no night before {Formats.Date(dateA)}.");
        }

        var pointsA = nightA.Select(ComparedPoint.FromNight).ToList();
        var pointsB = nightB.Select(ComparedPoint.FromNight).ToList();
        var resolved = selection with { Host = host, Mode = selection.NightMode };
        return new CompareViewModel(resolved,
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
