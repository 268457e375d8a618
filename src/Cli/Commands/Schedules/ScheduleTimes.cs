using System.Globalization;

namespace SglangCi.Cli.Commands.Schedules;

/// <summary>How a schedule's times read: in its own zone (what its cron means), in UTC, and from now.</summary>
public static class ScheduleTimes
{
    /// <summary><c>2026-12-01 11:15 America/Chicago</c>; an unknown zone (it was validated when stored) falls back to UTC.</summary>
    public static string Local(DateTimeOffset instant, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var id = ReferenceEquals(zone, TimeZoneInfo.Utc) ? "UTC" : timeZone;
        return TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + id;
    }

    public static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>in 3h 12m</c>, <c>in 1d 4h</c>, <c>in 45m</c>; <c>due now</c> once the time has come (the next
    /// one-minute tick fires it).</summary>
    public static string FromNow(DateTimeOffset instant, DateTimeOffset now)
    {
        var until = instant - now;
        if (until <= TimeSpan.Zero)
        {
            return "due now";
        }

        // Round up: a firing 30 seconds away is "in 1m", not "in 0m".
        var minutes = (long)Math.Ceiling(until.TotalMinutes);
        var (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
        return days > 0 ? $"in {days}d {hours}h"
            : hours > 0 ? $"in {hours}h {mins}m"
            : $"in {mins}m";
    }
}
