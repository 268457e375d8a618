using SglangCi.Interfaces.Schedules;

namespace SglangCi.Interfaces;

/// <summary>A cron schedule (key: schedule name), fired by an Orleans reminder.</summary>
public interface IScheduleGrain : IGrainWithStringKey
{
    /// <summary>Validates the cron expression, time zone, jobs and image policy (a clear error naming the schedule and the
    /// job index if bad) and stores the schedule.</summary>
    Task<ScheduleStatus> Configure(ScheduleDefinition definition);

    Task<ScheduleStatus> GetStatus();

    Task<ScheduleStatus> SetEnabled(bool enabled);

    /// <summary>Starts every enabled job now, whatever the cron says; returns the new run ids, including those recorded at
    /// once as skipped or failed by the schedule's image rule (read their summaries for the verdict).</summary>
    Task<IReadOnlyList<string>> Fire(string trigger);
}
