using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels;

/// <summary>The home page: one day's runs (today, else the latest day that has any), grouped by hardware.</summary>
public sealed record HomeViewModel(DateOnly? Day, bool IsToday, IReadOnlyList<HardwareGroup> Groups)
{
    // Enough to find the latest day with runs without scanning all history.
    private const int RecentRunsWindow = 200;

    public int TotalRuns => Groups.Sum(g => g.Runs.Count);

    public static async Task<HomeViewModel> LoadAsync(IGrainFactory grains, DateOnly today)
    {
        var query = grains.GetGrain<IRunQueryGrain>(0);
        var runs = await query.QueryRuns(new RunQuery(today, today, null, null, null));
        var day = today;
        if (runs.Count == 0)
        {
            var recent = await query.QueryRuns(new RunQuery(null, null, null, null, null, RecentRunsWindow));
            var latest = recent.Select(RunDay).Where(d => d is not null).Max();
            if (latest is null)
            {
                return new HomeViewModel(null, false, []);
            }

            day = latest.Value;
            runs = await query.QueryRuns(new RunQuery(day, day, null, null, null));
        }

        var groups = runs
            .GroupBy(r => r.Hardware, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new HardwareGroup(g.Key, g
                .OrderByDescending(r => r.StartedAt ?? DateTimeOffset.MaxValue)
                .ThenBy(r => r.Id, StringComparer.Ordinal)
                .Select(RunRow.From)
                .ToList()))
            .ToList();
        return new HomeViewModel(day, day == today, groups);
    }

    /// <summary>The day a run counts for, as the run query defines it: its image date, else its start date.</summary>
    private static DateOnly? RunDay(RunSummary run) =>
        run.ImageDate ?? (run.StartedAt is { } started ? DateOnly.FromDateTime(started.UtcDateTime) : null);
}
