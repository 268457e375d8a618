using SglangCi.Grains.Schedules;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Silo.RunKinds.DailySummary;

/// <summary>What the schedules on a hardware kind say about one night (pure, so it is tested without a cluster).</summary>
public static class NightSchedules
{
    /// <summary>The zone the hardware's nights are counted in: its daily-summary schedule's, else its schedules' when they
    /// all share one; null (UTC) otherwise.</summary>
    public static TimeZoneInfo? ZoneOf(IReadOnlyList<ScheduleOnHardware> schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        var zone = schedules.FirstOrDefault(s => s.Jobs.Any(j => j.Mode == RunMode.DailySummary))?.Schedule.TimeZone
            ?? (schedules.Select(s => s.Schedule.TimeZone).Distinct(StringComparer.Ordinal).ToList() is [var only] ? only : null);
        return zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : null;
    }

    /// <summary>
    /// The jobs due on <paramref name="night"/> (a calendar day in each schedule's own zone) by <paramref name="now"/>:
    /// enabled jobs of enabled schedules whose cron fires that day, daily summaries left out. A schedule that never fired
    /// expects nothing (it was configured after its time); one that fired before, but not that night (the silo was down),
    /// does: its jobs did not run.
    /// </summary>
    public static IReadOnlyList<ExpectedJob> Expected(IReadOnlyList<ScheduleOnHardware> schedules, DateOnly night, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        var expected = new List<ExpectedJob>();
        foreach (var (schedule, jobs, lastFiredAt) in schedules)
        {
            if (!schedule.Enabled || lastFiredAt is null || FiringOn(schedule, night) is not { } firesAt || firesAt > now)
            {
                continue;
            }

            foreach (var job in jobs.Where(j => j.IsEnabled && j.Mode != RunMode.DailySummary))
            {
                var mode = job.Mode.WireName();
                expected.Add(new ExpectedJob(schedule.JobKey(job), NightTaskNames.Name(job.PresetName, mode), mode, firesAt, schedule.TimeZone));
            }
        }

        return expected;
    }

    /// <summary>The start of <paramref name="night"/> in <paramref name="zone"/> (UTC when null).</summary>
    public static DateTimeOffset DayStart(DateOnly night, TimeZoneInfo? zone)
    {
        var local = night.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, (zone ?? TimeZoneInfo.Utc).GetUtcOffset(local));
    }

    /// <summary>The calendar day of <paramref name="instant"/> in <paramref name="zone"/> (UTC when null).</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo? zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone ?? TimeZoneInfo.Utc).DateTime);

    private static DateTimeOffset? FiringOn(ScheduleDefinition schedule, DateOnly night)
    {
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
            var start = DayStart(night, zone);
            var next = CronSchedule.Parse(schedule).NextAfter(start.AddTicks(-1));
            return next is { } at && at < DayStart(night.AddDays(1), zone) ? at : null;
        }
        catch (Exception e) when (e is ArgumentException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // A schedule that cannot be read fires never; it was refused when configured anyway.
            return null;
        }
    }
}
