using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SglangCi.Silo.Runtimes.Simulated;

/// <summary>
/// "Foreign" work on simulated GPUs: GPUs listed here probe as busy with a process on them, so the node's
/// idle check can be exercised (and demonstrated) without hardware. Seeded from configuration
/// <c>SglangCi:Simulator:BusyGpus:&lt;node&gt; = "0,3"</c>; changed at run time through this singleton.
/// </summary>
public sealed class SimulatedGpuLoad
{
    private readonly ConcurrentDictionary<(string Node, int Gpu), string> _busy = new();

    public SimulatedGpuLoad(IConfiguration? simulatorSection = null)
    {
        foreach (var node in simulatorSection?.GetSection("BusyGpus").GetChildren() ?? [])
        {
            foreach (var part in (node.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var gpu))
                {
                    MarkBusy(node.Key, gpu);
                }
            }
        }
    }

    public void MarkBusy(string node, int gpu, string process = "foreign-process (simulated)") => _busy[(node, gpu)] = process;

    public void MarkIdle(string node, int gpu) => _busy.TryRemove((node, gpu), out _);

    /// <summary>The process occupying the GPU, or null when it is idle.</summary>
    public string? ProcessOn(string node, int gpu) => _busy.TryGetValue((node, gpu), out var process) ? process : null;
}
