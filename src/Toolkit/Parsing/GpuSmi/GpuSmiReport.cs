namespace SglangCi.Toolkit.Parsing.GpuSmi;

/// <summary>
/// What one rocm-smi, amd-smi or nvidia-smi output says about GPUs and the processes on them. Every value the output
/// does not state is null (never 0). Serialized with web defaults it is the <c>parse gpu-smi --json</c> document:
/// <c>{ "tool", "gpus": [ { "index", "utilizationPct", "memoryUsedPct", "memoryUsedMiB", "memoryTotalMiB" } ],
/// "processes": [ { "gpu", "pid", "name", "memoryMiB" } ] }</c>.
/// </summary>
public sealed record GpuSmiReport(string Tool, IReadOnlyList<GpuSmiGpu> Gpus, IReadOnlyList<GpuSmiProcess> Processes)
{
    public const string RocmSmi = "rocm-smi";
    public const string AmdSmi = "amd-smi";
    public const string NvidiaSmi = "nvidia-smi";

    /// <summary>
    /// Rows for the node grain's GPU snapshot: (index, utilization %, memory used %). A value the output did not give
    /// becomes <paramref name="unknownPercent"/> (default 100: an unknown GPU counts as busy, so a lease is never granted
    /// on a guess). Memory % is derived from used/total MiB when only those were printed.
    /// </summary>
    public IReadOnlyList<(int Index, double UtilizationPercent, double MemoryUsedPercent)> ToSnapshotRows(double unknownPercent = 100) =>
        Gpus.Select(g => (g.Index, g.UtilizationPct ?? unknownPercent, g.MemoryUsedPct ?? unknownPercent)).ToList();

    /// <summary>"pid name" of the processes on <paramref name="gpuIndex"/>, plus those whose GPU the output did not say
    /// (rocm-smi <c>--showpids</c> prints a GPU count, not an index), which may be on any GPU.</summary>
    public IReadOnlyList<string> ProcessesOn(int gpuIndex) =>
        Processes.Where(p => p.Gpu is null || p.Gpu == gpuIndex).Select(p => p.Name is null ? $"{p.Pid}" : $"{p.Pid} {p.Name}").ToList();
}

/// <param name="Index">The tool's GPU index (rocm-smi JSON/CSV: the N of <c>cardN</c>).</param>
/// <param name="UtilizationPct">Compute busy percentage (rocm-smi GPU%, amd-smi GFX%, nvidia-smi utilization.gpu).</param>
/// <param name="MemoryUsedPct">VRAM allocated, percent of total (not memory-bus activity).</param>
public sealed record GpuSmiGpu(int Index, double? UtilizationPct, double? MemoryUsedPct, double? MemoryUsedMiB, double? MemoryTotalMiB)
{
    /// <summary>Fills this row's nulls from <paramref name="other"/> (the same GPU seen by another section of the output).</summary>
    public GpuSmiGpu Merge(GpuSmiGpu other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new GpuSmiGpu(Index, UtilizationPct ?? other.UtilizationPct, MemoryUsedPct ?? other.MemoryUsedPct,
            MemoryUsedMiB ?? other.MemoryUsedMiB, MemoryTotalMiB ?? other.MemoryTotalMiB);
    }

    /// <summary>Derives the percentage from used/total MiB when the output printed only those.</summary>
    public GpuSmiGpu WithDerivedPercent() =>
        MemoryUsedPct is null && MemoryUsedMiB is { } used && MemoryTotalMiB is { } total && total > 0
            ? this with { MemoryUsedPct = Math.Round(used / total * 100, 2) }
            : this;
}

/// <param name="Gpu">GPU index, null when the output does not say which GPU.</param>
/// <param name="Name">Process name, null when the tool printed none (amd-smi prints N/A without permission).</param>
/// <param name="MemoryMiB">GPU memory the process holds, null when not reported.</param>
public sealed record GpuSmiProcess(int? Gpu, int Pid, string? Name, double? MemoryMiB);
