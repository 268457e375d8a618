using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels;

/// <summary>
/// The home page: one day's runs grouped by hardware, with the days that have runs around it. The day is the one asked
/// for (a bookmarked <c>?date=</c>), else today when it has runs, else the latest day that has any.
/// </summary>
public sealed record HomeViewModel(DateOnly? Day, DateOnly Today, IReadOnlyList<HardwareGroup> Groups, DayNavigation Navigation)
{
    public bool IsToday => Day == Today;

    public int TotalRuns => Groups.Sum(g => g.Runs.Count);

    /// <summary>This day's counts from the day index; null for a day without runs.</summary>
    public RunDay? DayInfo => Day is { } day ? Navigation.Find(day) : null;

    public DateOnly? Previous => Day is { } day ? Navigation.Previous(day) : null;

    public DateOnly? Next => Day is { } day ? Navigation.Next(day) : null;

    public static async Task<HomeViewModel> LoadAsync(IGrainFactory grains, DateOnly today, DateOnly? requested)
    {
        var query = grains.GetGrain<IRunQueryGrain>(0);
        var navigation = new DayNavigation(await query.RunDays(null, null));
        var day = ChooseDay(navigation, today, requested);
        if (day is null)
        {
            return new HomeViewModel(null, today, [], navigation);
        }

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
        return new HomeViewModel(day, today, groups, navigation);
    }

    /// <summary>
    /// The day to show: the requested one even when it has no runs (a bookmark must not silently move), else today
    /// when it has runs, else the latest day with runs; null only when there are no runs at all.
    /// </summary>
    public static DateOnly? ChooseDay(DayNavigation navigation, DateOnly today, DateOnly? requested) =>
        requested ?? (navigation.Has(today) ? today : navigation.Latest);
}
