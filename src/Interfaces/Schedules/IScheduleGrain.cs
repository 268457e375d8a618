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
    /// <remarks>Firing first asks the registry for the night's images (a few pages, each bounded by its own request
    /// timeout) and reads yesterday's outcomes, which can take longer than the default 30 s response timeout, hence
    /// the longer one: a caller that gave up would not see runs that were started anyway.</remarks>
    [ResponseTimeout("00:05:00")]
    Task<IReadOnlyList<string>> Fire(string trigger);
}
