using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Grains.Schedules;

/// <summary>What a schedule's job becomes when it fires: a run id and the request that carries the job's key, options and image.</summary>
public static class ScheduledRuns
{
    /// <summary>Named after the preset (or the kind, for a job without one) and the node, as hand-started runs are.</summary>
    public static string RunId(ScheduledJob job, DateTimeOffset firedAt)
    {
        ArgumentNullException.ThrowIfNull(job);
        return RunIds.Create(string.IsNullOrWhiteSpace(job.PresetName) ? job.Mode.WireName() : job.PresetName, job.NodeName, firedAt);
    }

    public static RunRequest Request(ScheduleDefinition schedule, ScheduledJob job, JobImage image, string trigger)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(image);
        return new RunRequest(job.PresetName, job.NodeName, job.Mode, image.Image, image.ImageDate, trigger)
        {
            Options = job.Options,
            JobKey = schedule.JobKey(job),
            Verdict = image.Verdict,
        };
    }
}
