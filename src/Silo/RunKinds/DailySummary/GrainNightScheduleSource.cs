using SglangCi.Interfaces;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Silo.RunKinds.DailySummary;

/// <summary>The schedules as the catalog grain lists them, each read from its schedule grain; a job's hardware is its node's.</summary>
public sealed class GrainNightScheduleSource(IGrainFactory grains) : INightScheduleSource
{
    public async Task<IReadOnlyList<ScheduleOnHardware>> ReadAsync(string hardware, CancellationToken cancellationToken)
    {
        var names = await grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key).List(CatalogKind.Schedule);
        var nodeHardware = new Dictionary<string, string?>(StringComparer.Ordinal);
        var found = new List<ScheduleOnHardware>();
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var status = await grains.GetGrain<IScheduleGrain>(name).GetStatus();
            if (status.Definition is not { } schedule)
            {
                continue;
            }

            var jobs = new List<ScheduledJob>();
            foreach (var job in schedule.Jobs)
            {
                if (!nodeHardware.TryGetValue(job.NodeName, out var hw))
                {
                    hw = (await grains.GetGrain<IGpuNodeGrain>(job.NodeName).GetStatus()).Inventory?.Hardware;
                    nodeHardware[job.NodeName] = hw;
                }

                if (string.Equals(hw, hardware, StringComparison.OrdinalIgnoreCase))
                {
                    jobs.Add(job);
                }
            }

            if (jobs.Count > 0)
            {
                found.Add(new ScheduleOnHardware(schedule, jobs, status.LastFiredAt));
            }
        }

        return found;
    }
}
