using SglangCi.Interfaces.Schedules;

namespace SglangCi.Interfaces;

/// <summary>A cron schedule (key: schedule name), fired by an Orleans reminder.</summary>
public interface IScheduleGrain : IGrainWithStringKey
{
    /// <summary>Validates the cron expression and time zone (clear error if bad) and stores the schedule.</summary>
    Task<ScheduleStatus> Configure(ScheduleDefinition definition);

    Task<ScheduleStatus> GetStatus();

    Task<ScheduleStatus> SetEnabled(bool enabled);

    /// <summary>Starts every job now, whatever the cron says; returns the new run ids.</summary>
    Task<IReadOnlyList<string>> Fire(string trigger);
}
