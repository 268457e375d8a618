namespace SglangCi.Silo.RunKinds.DailySummary;

/// <summary>What the schedules say about a night on one hardware: the zone its days are counted in and the jobs due.</summary>
/// <param name="TimeZone">The zone of the hardware's daily-summary schedule (else of its other schedules when they agree);
/// null: none known, days are UTC.</param>
/// <param name="Expected">Jobs of enabled schedules, enabled, on nodes of the hardware, due that night by now; null when the
/// schedules could not be read (the summary then leaves "not run" out and says so).</param>
/// <param name="Problem">Why <paramref name="Expected"/> is null.</param>
public sealed record NightSchedule(TimeZoneInfo? TimeZone, IReadOnlyList<ExpectedJob>? Expected, string? Problem = null)
{
    public static NightSchedule Unknown(string problem) => new(null, null, problem);
}
