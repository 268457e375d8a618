namespace SglangCi.Silo.RunKinds.DailySummary;

/// <summary>A job one of the night's schedules should have started on the summary's hardware.</summary>
/// <param name="JobKey">Where its runs are stored (<c>SCHEDULE/JOB</c>).</param>
/// <param name="Name">As the summary names it (<see cref="NightTaskNames.Name"/>).</param>
/// <param name="StoredMode">Its mode's wire name, for the summary's order.</param>
/// <param name="FiresAt">When the schedule fired (or was due) that night, in the schedule's zone.</param>
public sealed record ExpectedJob(string JobKey, string Name, string StoredMode, DateTimeOffset FiresAt, string TimeZone);
