namespace SglangCi.Grains.Runs;

/// <summary>How runs pace themselves (configuration section <c>SglangCi:Runs</c>). Tests shorten these.</summary>
public sealed class RunGrainOptions
{
    public const string SectionName = "SglangCi:Runs";

    /// <summary>Lease time-to-live; the pipeline renews every third of it, so a dead holder frees the GPUs within it.</summary>
    public TimeSpan LeaseTimeToLive { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a queued run asks the node again.</summary>
    public TimeSpan LeasePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a run may wait for GPUs before it fails with the node's last reason (a wedged node must not hold a run forever).</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often the pipeline asks the node whether the engine is up.</summary>
    public TimeSpan EnginePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an engine may take to answer as ready (model loading on real GPUs takes many minutes).</summary>
    public TimeSpan EngineStartupTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Longest one bench_one_batch case of an offline run may take (model load included) before the node stops it.</summary>
    public TimeSpan OfflineCaseTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Period of the persisted "watchdog" reminder that recovers runs whose silo died (Orleans' minimum is one minute unless configured lower).</summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Period of the in-memory keep-alive timer that holds the activation while its pipeline runs.</summary>
    public TimeSpan KeepAlivePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Root of the runs' logs, one folder per run (the silo sets <c>logs/runs</c> under the data directory; without it,
    /// a folder under the system's temp directory).
    /// </summary>
    public string? LogDirectory { get; set; }

    /// <summary>Alert channel that hears about failed and skipped runs.</summary>
    public string AlertChannel { get; set; } = "default";
}
