using SglangCi.Interfaces.Schedules;

namespace SglangCi.Grains.Schedules;

/// <summary>A schedule's persisted state: its definition, the next due firing and the last one.</summary>
[GenerateSerializer, Alias("sglci.schedule-state")]
public sealed class ScheduleState
{
    [Id(0)]
    public ScheduleDefinition? Definition { get; set; }

    [Id(1)]
    public DateTimeOffset? NextFiring { get; set; }

    [Id(2)]
    public DateTimeOffset? LastFiredAt { get; set; }

    [Id(3)]
    public List<string> LastRunIds { get; set; } = [];
}
