namespace SglangCi.Interfaces.Nodes;

/// <summary>What a GPU probe (rocm-smi, amd-smi, nvidia-smi, or the simulator) saw at one moment.</summary>
[GenerateSerializer, Immutable]
public sealed record GpuSnapshot(
    [property: Id(0)] DateTimeOffset TakenAt,
    [property: Id(1)] IReadOnlyList<GpuState> Gpus);

/// <param name="Index">GPU index on the node.</param>
/// <param name="UtilizationPercent">Compute busy percentage.</param>
/// <param name="MemoryUsedPercent">VRAM used percentage.</param>
/// <param name="Processes">Foreign processes found on the GPU (reported, never killed).</param>
[GenerateSerializer, Immutable]
public sealed record GpuState(
    [property: Id(0)] int Index,
    [property: Id(1)] double UtilizationPercent,
    [property: Id(2)] double MemoryUsedPercent,
    [property: Id(3)] IReadOnlyList<string> Processes)
{
    /// <summary>Idle means below the busy threshold on both compute and memory and no process on it.</summary>
    public bool IsIdle(double busyThresholdPercent) =>
        UtilizationPercent <= busyThresholdPercent && MemoryUsedPercent <= busyThresholdPercent && Processes.Count == 0;
}
