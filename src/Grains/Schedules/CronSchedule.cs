using Cronos;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Grains.Schedules;

/// <summary>A validated cron expression (five fields) in a time zone; errors name the schedule and the bad value.</summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;
    private readonly TimeZoneInfo _zone;

    private CronSchedule(CronExpression expression, TimeZoneInfo zone)
    {
        _expression = expression;
        _zone = zone;
    }

    public static CronSchedule Parse(ScheduleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var where = $"schedule '{definition.Name}'";
        if (string.IsNullOrWhiteSpace(definition.Cron))
        {
            throw new ArgumentException($"{where}: Cron is required (five fields, e.g. '0 2 * * *')");
        }

        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(definition.Cron, CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            // No inner exception: it crosses the wire to the caller, and Cronos' exception type has no Orleans codec.
            throw new ArgumentException($"{where}: invalid cron expression '{definition.Cron}': {e.Message}");
        }

        if (string.IsNullOrWhiteSpace(definition.TimeZone))
        {
            throw new ArgumentException($"{where}: TimeZone is required (an IANA id such as 'America/Chicago' or 'UTC')");
        }

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(definition.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"{where}: unknown time zone '{definition.TimeZone}' ({e.GetType().Name})");
        }

        return new CronSchedule(expression, zone);
    }

    /// <summary>The first firing strictly after <paramref name="after"/>, or null if the expression never fires again.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) => _expression.GetNextOccurrence(after, _zone);
}
