using SglangCi.Interfaces.Runs;

namespace SglangCi.Interfaces.Schedules;

/// <summary>A cron schedule (Cronos syntax, five fields) in a time zone, and the jobs it starts.</summary>
[GenerateSerializer, Immutable]
public sealed record ScheduleDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string Cron,
    [property: Id(2)] string TimeZone,
    [property: Id(3)] bool Enabled,
    [property: Id(4)] IReadOnlyList<ScheduledJob> Jobs);

[GenerateSerializer, Immutable]
public sealed record ScheduledJob(
    [property: Id(0)] string PresetName,
    [property: Id(1)] string NodeName,
    [property: Id(2)] RunMode Mode);

[GenerateSerializer, Immutable]
public sealed record ScheduleStatus(
    [property: Id(0)] ScheduleDefinition? Definition,
    [property: Id(1)] DateTimeOffset? NextFiring,
    [property: Id(2)] DateTimeOffset? LastFiredAt,
    [property: Id(3)] IReadOnlyList<string> LastRunIds);
