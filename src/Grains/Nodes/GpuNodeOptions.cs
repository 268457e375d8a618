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

    /// <summary>Upper bound for one GPU probe (rocm-smi and friends can hang on a sick node). Probes run off the grain's turn.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A grant needs a probe started after the request arrived and no older than this.</summary>
    public TimeSpan ProbeMaxAge { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Least time between two probes (waiters poll every second; the GPU tools need not run that often).</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether engines of ours left by runs that hold no lease here (a crashed silo, a lost clean-up) are removed when a probe
    /// shows GPUs in use that no lease holds. Other people's work is never touched either way.
    /// </summary>
    public bool EvictOrphans { get; set; } = true;

    /// <summary>Least time between two evictions (waiters poll every second; listing containers need not run that often).</summary>
    public TimeSpan EvictionInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound for one eviction (runs off the grain's turn).</summary>
    public TimeSpan EvictionTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Where the output of commands run in engine environments (bench_one_batch) is written; null: a folder under the temp directory.</summary>
    public string? ExecLogDirectory { get; set; }
}
