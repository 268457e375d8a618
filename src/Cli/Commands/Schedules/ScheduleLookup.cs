using SglangCi.Interfaces;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Cli.Commands.Schedules;

internal static class ScheduleLookup
{
    /// <summary>The schedule's status; an unknown name is an <see cref="ArgumentException"/> (exit code 2) that says how to list them.</summary>
    public static async Task<ScheduleStatus> RequireAsync(IGrainFactory grains, string name)
    {
        var known = await grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key).List(CatalogKind.Schedule);
        var status = known.Contains(name, StringComparer.Ordinal) ? await grains.GetGrain<IScheduleGrain>(name).GetStatus() : null;
        return status is { Definition: not null }
            ? status
            : throw new ArgumentException($"unknown schedule '{name}' (list them with `sglang-ci schedule list`)");
    }
}
