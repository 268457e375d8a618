using SglangCi.Interfaces.Nodes;
using SglangCi.Toolkit.Parsing.GpuSmi;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// A parsed rocm-smi / amd-smi / nvidia-smi report as the node's <see cref="GpuSnapshot"/>: every GPU the tool printed,
/// its processes (those of unknown GPU count on every GPU), and a GPU of the node the tool did not print as busy
/// (never granted on a guess). Pure.
/// </summary>
public static class GpuSnapshotMapping
{
    public const string NotReported = "not reported by the GPU probe";

    public static GpuSnapshot From(GpuSmiReport report, int gpuCount, DateTimeOffset takenAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.ToSnapshotRows().ToDictionary(r => r.Index);
        var indices = rows.Keys.Union(Enumerable.Range(0, Math.Max(0, gpuCount))).Order();
        var gpus = indices
            .Select(i => rows.TryGetValue(i, out var row)
                ? new GpuState(i, row.UtilizationPercent, row.MemoryUsedPercent, report.ProcessesOn(i))
                : new GpuState(i, 100, 100, [NotReported]))
            .ToList();
        return new GpuSnapshot(takenAt, gpus);
    }

    /// <summary>A node without a probe (no GPUs to look at): all of its GPUs idle.</summary>
    public static GpuSnapshot Idle(int gpuCount, DateTimeOffset takenAt) =>
        new(takenAt, [.. Enumerable.Range(0, Math.Max(0, gpuCount)).Select(i => new GpuState(i, 0, 0, []))]);
}
