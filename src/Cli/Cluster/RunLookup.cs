using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Cli.Cluster;

/// <summary>Finds a run's details wherever they are: the results tables, else the run grain itself.</summary>
public static class RunLookup
{
    public static async Task<RunDetails?> GetDetailsAsync(IGrainFactory grains, string runId)
    {
        // The results tables are the record of finished runs; a run still in flight (or whose results
        // are not written yet) is only known to its grain.
        var stored = await grains.GetGrain<IRunQueryGrain>(0).GetRun(runId);
        return stored ?? await grains.GetGrain<IRunGrain>(runId).GetDetails();
    }
}
