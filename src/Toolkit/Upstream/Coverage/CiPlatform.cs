namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>Which side of the comparison a suite's runners are on.</summary>
public enum CiPlatform
{
    Nvidia,
    Amd,

    /// <summary>CPU, Ascend NPU, Intel XPU, Moore Threads (musa), Apple (mlx): registered, but not NVIDIA-vs-AMD.</summary>
    Other,
}
