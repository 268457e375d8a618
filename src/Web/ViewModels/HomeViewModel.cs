using SglangCi.Interfaces;
using SglangCi.Interfaces.Hardware;
using SglangCi.Interfaces.Runs;
using SglangCi.Web.ViewModels.Hardware;

namespace SglangCi.Web.ViewModels;

/// <summary>
/// The home page: one day's runs grouped by hardware, with the days that have runs around it. The day is the one asked
/// for (a bookmarked <c>?date=</c>), else today when it has runs, else the latest day that has any. Beside them, the
/// per-hardware counts of the days with data up to it (<see cref="Recent"/>), for the comparison chart and the
/// activity table.
/// </summary>
public sealed record HomeViewModel(
    DateOnly? Day,
    DateOnly Today,
    IReadOnlyList<HardwareGroup> Groups,
    DayNavigation Navigation,
    IReadOnlyList<HardwareDaySummary> Recent)
{
    /// <summary>How many days with data the comparison chart spans.</summary>
    public const int ChartDays = 14;

    /// <summary>How many days with data the activity table lists.</summary>
    public const int ActivityDays = 7;

    // Days with data are looked for this far back; the old CI skipped days, never months.
    private const int LookBackDays = 120;

    public bool IsToday => Day == Today;

    public int TotalRuns => Groups.Sum(g => g.Runs.Count);

    /// <summary>
    /// Whether a refresh found the same day with the same runs in the same states: then the page need not re-render,
    /// and a click that lands during the refresh is not lost to rows being replaced under the pointer.
    /// </summary>
    public bool ShowsSameRunsAs(HomeViewModel other) =>
        Day == other.Day
        && Today == other.Today
        && Groups.Select(g => g.Hardware).SequenceEqual(other.Groups.Select(g => g.Hardware))
        && Groups.SelectMany(g => g.Runs).SequenceEqual(other.Groups.SelectMany(g => g.Runs));

    /// <summary>This day's counts from the day index; null for a day without runs.</summary>
    public RunDay? DayInfo => Day is { } day ? Navigation.Find(day) : null;

    public DateOnly? Previous => Day is { } day ? Navigation.Previous(day) : null;

    public DateOnly? Next => Day is { } day ? Navigation.Next(day) : null;

    /// <summary>The image of the day's latest run on that hardware (else the image check's); null when none is known.</summary>
    public string? ImageOf(string hardware) =>
        Recent.FirstOrDefault(d => d.Day == Day && string.Equals(d.Hardware, hardware, StringComparison.OrdinalIgnoreCase))?.NewestImage
        ?? Groups.FirstOrDefault(g => string.Equals(g.Hardware, hardware, StringComparison.OrdinalIgnoreCase))?.Runs
            .Select(r => r.Image).OfType<string>().FirstOrDefault();

    /// <summary>The hardware page of the shown day for that hardware.</summary>
    public string HardwareHref(string hardware) => $"hardware/{Uri.EscapeDataString(hardware)}?date={Formats.Date(Day)}";

    /// <summary>The comparison chart: one pass-rate line per hardware over the last <see cref="ChartDays"/> days with data.</summary>
    public IReadOnlyList<PassRateLine> PassRateLines => PassRateLine.Of(RecentDays(ChartDays));

    /// <summary>The activity table: one row per hardware and day over the last <see cref="ActivityDays"/> days with data, newest first.</summary>
    public IReadOnlyList<HardwareDaySummary> Activity => RecentDays(ActivityDays)
        .OrderByDescending(d => d.Day).ThenBy(d => d.Hardware, StringComparer.OrdinalIgnoreCase).ToList();

    private IEnumerable<HardwareDaySummary> RecentDays(int count)
    {
        var days = Recent.Where(d => d.Runs > 0).Select(d => d.Day).Distinct().OrderDescending().Take(count).ToHashSet();
        return Recent.Where(d => d.Runs > 0 && days.Contains(d.Day));
    }

    public static async Task<HomeViewModel> LoadAsync(IGrainFactory grains, DateOnly today, DateOnly? requested)
    {
        var query = grains.GetGrain<IRunQueryGrain>(0);
        var navigation = new DayNavigation(await query.RunDays(null, null));
        var day = ChooseDay(navigation, today, requested);
        if (day is null)
        {
            return new HomeViewModel(null, today, [], navigation, []);
        }

        var recent = await grains.GetGrain<IHardwareQueryGrain>(0).Days(null, day.Value.AddDays(-LookBackDays), day);

        var runs = await query.QueryRuns(new RunQuery(day, day, null, null, null));
        var groups = runs
            .GroupBy(r => r.Hardware, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new HardwareGroup(g.Key, g
                .OrderByDescending(r => r.StartedAt ?? DateTimeOffset.MaxValue)
                .ThenBy(r => r.Id, StringComparer.Ordinal)
                .Select(RunRow.From)
                .ToList()))
            .ToList();
        return new HomeViewModel(day, today, groups, navigation, recent);
    }

    /// <summary>
    /// The day to show: the requested one even when it has no runs (a bookmark must not silently move), else today
    /// when it has runs, else the latest day with runs; null only when there are no runs at all.
    /// </summary>
    public static DateOnly? ChooseDay(DayNavigation navigation, DateOnly today, DateOnly? requested) =>
        requested ?? (navigation.Has(today) ? today : navigation.Latest);
}
