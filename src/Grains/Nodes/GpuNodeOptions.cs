namespace SglangCi.Grains.Nodes;

/// <summary>How node grains lease GPUs (configuration section <c>SglangCi:Nodes</c>).</summary>
public sealed class GpuNodeOptions
{
    public const string SectionName = "SglangCi:Nodes";

    /// <summary>A GPU above this compute or memory use (percent) counts as busy and is not granted.</summary>
    public double BusyThresholdPercent { get; set; } = 15;

    /// <summary>How often leases past their expiry (and stale queue entries) are swept.</summary>
    public TimeSpan ExpiryCheckPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Lease history entries kept per node, newest last.</summary>
    public int HistoryLimit { get; set; } = 500;

    /// <summary>Upper bound for one GPU probe (rocm-smi and friends can hang on a sick node).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
