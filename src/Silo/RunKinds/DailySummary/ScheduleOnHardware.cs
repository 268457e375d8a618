using SglangCi.Interfaces.Schedules;

namespace SglangCi.Silo.RunKinds.DailySummary;

/// <summary>A schedule with those of its jobs that run on nodes of one hardware kind.</summary>
/// <param name="LastFiredAt">When it last fired; null: never (a schedule configured since, e.g. at first start, after its
/// time that day), so it expects nothing yet.</param>
public sealed record ScheduleOnHardware(ScheduleDefinition Schedule, IReadOnlyList<ScheduledJob> Jobs, DateTimeOffset? LastFiredAt);
