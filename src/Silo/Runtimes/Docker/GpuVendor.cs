namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>Whose GPUs a Docker node has, which decides how a container gets them.</summary>
public enum GpuVendor
{
    /// <summary>No GPUs (a simulated or test node): no devices, no probe.</summary>
    None = 0,

    /// <summary>ROCm: <c>/dev/kfd</c> and <c>/dev/dri</c>, group <c>video</c>, <c>HIP_VISIBLE_DEVICES</c>.</summary>
    Amd = 1,

    /// <summary>NVIDIA container toolkit: a GPU device request for the lease's GPUs.</summary>
    Nvidia = 2,
}

public static class GpuVendors
{
    /// <summary>The configured vendor, else the one the hardware name implies (<c>mi300x</c>, <c>mi35x</c> → AMD; <c>h100</c>, <c>h200</c>, <c>b200</c>, <c>gb200</c>, <c>a100</c>, <c>l40s</c> → NVIDIA; anything else → none).</summary>
    public static GpuVendor For(string hardware, GpuVendor? configured)
    {
        if (configured is { } vendor)
        {
            return vendor;
        }

        var name = (hardware ?? "").Trim().ToLowerInvariant();
        if (name.StartsWith("mi", StringComparison.Ordinal) && name.Length > 2 && char.IsAsciiDigit(name[2]))
        {
            return GpuVendor.Amd;
        }

        string[] nvidia = ["h100", "h200", "h20", "b200", "b300", "gb200", "gb300", "a100", "l40"];
        return nvidia.Any(n => name.StartsWith(n, StringComparison.Ordinal)) ? GpuVendor.Nvidia : GpuVendor.None;
    }
}
