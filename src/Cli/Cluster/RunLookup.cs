using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Cli.Cluster;

/// <summary>Finds a run's details wherever they are, by <see cref="RunDetailsChoice"/>'s rule: the stored row once the
/// run is terminal, the run grain's live details while it is not.</summary>
public static class RunLookup
{
    public static async Task<RunDetails?> GetDetailsAsync(IGrainFactory grains, string runId)
    {
        var stored = await grains.GetGrain<IRunQueryGrain>(0).GetRun(runId);
        return await RunDetailsChoice.PreferAsync(stored, () => grains.GetGrain<IRunGrain>(runId).GetDetails());
    }
}
