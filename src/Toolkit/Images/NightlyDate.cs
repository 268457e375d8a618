namespace SglangCi.Toolkit.Images;

/// <summary>
/// "Today" as the nightly pipeline means it: the calendar day in the time zone the builds are dated in (US Pacific for
/// the old CI), not the machine's zone or UTC. At 03:00 UTC on 1 December it is still 30 November in Los Angeles,
/// and looking for a 1 December image then would report a missing nightly every evening.
/// </summary>
public static class NightlyDate
{
    /// <summary>The zone the old CI ran its crons and dated its images in.</summary>
    public const string DefaultTimeZoneId = "America/Los_Angeles";

    public static DateOnly Today(TimeProvider clock, string timeZoneId = DefaultTimeZoneId)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Today(clock.GetUtcNow(), timeZoneId);
    }

    public static DateOnly Today(DateTimeOffset now, string timeZoneId = DefaultTimeZoneId) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, FindZone(timeZoneId)).DateTime);

    /// <summary>An IANA zone (America/Los_Angeles); an unknown id is an <see cref="ArgumentException"/> naming it.</summary>
    public static TimeZoneInfo FindZone(string timeZoneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Unknown time zone '{timeZoneId}'; use an IANA id such as {DefaultTimeZoneId}.", nameof(timeZoneId), ex);
        }
    }
}
