using SglangCi.Cli.Output;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Cli.Commands.Schedules;

/// <summary>The JSON contract of <c>schedule list --json</c>: an explicit DTO, so the wire shape does not follow the grain records.</summary>
public sealed record ScheduleJson(
    string Name,
    bool Enabled,
    string Cron,
    string TimeZone,
    string? NextFiring,
    string? NextFiringLocal,
    string? NextFiringIn,
    string? LastFiredAt,
    int JobCount,
    IReadOnlyList<ScheduledJobJson> Jobs,
    ImagePolicyJson? Images,
    IReadOnlyList<string> LastRunIds)
{
    public static ScheduleJson From(ScheduleDefinition definition, ScheduleStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(status);
        // A disabled schedule keeps its computed slot, but it will not fire then: show none.
        var next = definition.Enabled ? status.NextFiring : null;
        return new ScheduleJson(
            definition.Name,
            definition.Enabled,
            definition.Cron,
            definition.TimeZone,
            WireFormat.Time(next),
            next is { } n ? ScheduleTimes.Local(n, definition.TimeZone) : null,
            next is { } m ? ScheduleTimes.FromNow(m, now) : null,
            WireFormat.Time(status.LastFiredAt),
            definition.Jobs.Count,
            [.. definition.Jobs.Select(j => ScheduledJobJson.From(definition, j))],
            definition.Images is { } p ? new ImagePolicyJson(p.Repository, p.Hardware, p.RocmBuilds, p.ContinueRunDays, p.YesterdayFallback) : null,
            status.LastRunIds);
    }
}

public sealed record ScheduledJobJson(string Name, string JobKey, string? Preset, string Node, string Mode, bool Enabled)
{
    public static ScheduledJobJson From(ScheduleDefinition schedule, ScheduledJob job) => new(
        job.EffectiveName,
        schedule.JobKey(job),
        string.IsNullOrWhiteSpace(job.PresetName) ? null : job.PresetName,
        job.NodeName,
        job.Mode.WireName(),
        job.IsEnabled);
}

public sealed record ImagePolicyJson(string Repository, string Hardware, IReadOnlyList<string> RocmBuilds, int ContinueRunDays, bool YesterdayFallback);
