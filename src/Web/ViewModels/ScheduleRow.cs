using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Web.ViewModels;

/// <summary>One schedule as the nodes page lists it: when it fires (in its own time zone and in UTC) and what it starts.</summary>
public sealed record ScheduleRow(
    string Name,
    string Cron,
    string TimeZone,
    bool Enabled,
    DateTimeOffset? NextFiring,
    DateTimeOffset? LastFiredAt,
    IReadOnlyList<string> Jobs,
    IReadOnlyList<string> LastRunIds)
{
    public static async Task<IReadOnlyList<ScheduleRow>> LoadAsync(IGrainFactory grains)
    {
        var names = await grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key).List(CatalogKind.Schedule);
        var rows = await Task.WhenAll(names.Order(StringComparer.Ordinal).Select(async name =>
            From(name, await grains.GetGrain<IScheduleGrain>(name).GetStatus())));
        return rows;
    }

    /// <summary>The next firing in the schedule's own zone (what its cron means), or — when disabled or unknown.</summary>
    public string NextLocal => NextFiring is { } next && Enabled ? Local(next) : Formats.None;

    private string Local(DateTimeOffset instant)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " " + TimeZone;
    }

    /// <summary><c>grok1-int4 on mi30x-1 (online)</c>, <c>unit-test on mi30x-1</c> for a job without a model; a switched-off job says so.</summary>
    private static string Describe(ScheduledJob job)
    {
        var what = string.IsNullOrWhiteSpace(job.PresetName) ? $"{job.Mode.WireName()} on {job.NodeName}" : $"{job.PresetName} on {job.NodeName} ({job.Mode.WireName()})";
        return job.IsEnabled ? what : $"{what} (job disabled)";
    }

    private static ScheduleRow From(string name, ScheduleStatus status) => new(
        name,
        status.Definition?.Cron ?? Formats.None,
        status.Definition?.TimeZone ?? "UTC",
        status.Definition?.Enabled ?? false,
        status.NextFiring,
        status.LastFiredAt,
        status.Definition?.Jobs.Select(Describe).ToList() ?? [],
        status.LastRunIds);
}
