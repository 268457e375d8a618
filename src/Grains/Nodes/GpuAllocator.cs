using SglangCi.Interfaces.Nodes;

namespace SglangCi.Grains.Nodes;

/// <summary>Picks GPUs for a lease: not leased by anyone, and idle by the probe. Pure, so it is tested directly.</summary>
public static class GpuAllocator
{
    /// <summary>The lowest-indexed <paramref name="count"/> grantable GPUs, or null with the reason there are not enough.</summary>
    public static (IReadOnlyList<int>? Gpus, string? Reason) Pick(
        int count, int gpuCount, IReadOnlySet<int> leased, GpuSnapshot snapshot, double busyThresholdPercent)
    {
        var probed = snapshot.Gpus.ToDictionary(g => g.Index);
        var free = new List<int>();
        var busy = new List<string>();
        for (var index = 0; index < gpuCount; index++)
        {
            if (leased.Contains(index))
            {
                continue;
            }

            if (!probed.TryGetValue(index, out var gpu))
            {
                busy.Add($"GPU {index} not seen by the probe");
            }
            else if (!gpu.IsIdle(busyThresholdPercent))
            {
                var processes = gpu.Processes.Count == 0 ? "" : $", processes: {string.Join(", ", gpu.Processes)}";
                busy.Add($"GPU {index} busy ({gpu.UtilizationPercent:0}% compute, {gpu.MemoryUsedPercent:0}% memory{processes})");
            }
            else
            {
                free.Add(index);
            }
        }

        if (free.Count >= count)
        {
            return (free.Take(count).ToArray(), null);
        }

        var reason = $"needs {count} idle GPU(s), {free.Count} available ({leased.Count} leased";
        reason += busy.Count == 0 ? ")" : $"; {string.Join("; ", busy)})";
        return (null, reason);
    }
}
