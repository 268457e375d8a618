namespace SglangCi.Silo.RunKinds.Housekeeping;

/// <summary>
/// The disk-space part of <see cref="HousekeepingKind"/>, bound from <c>SglangCi:Housekeeping</c>. What Docker clean-up
/// removes is <see cref="Runtimes.Docker.HousekeepingOptions"/> (<c>SglangCi:Docker:Housekeeping</c>).
/// </summary>
public sealed class HousekeepingKindOptions
{
    public const string SectionName = "SglangCi:Housekeeping";

    /// <summary>The old <c>CRITICAL_SPACE_GB</c>.</summary>
    public const double DefaultCriticalFreeGb = 200;

    /// <summary>Paths whose free space is checked, besides the silo's data directory (always) and Docker's data root
    /// (Docker nodes). A path that does not exist on the node gives a warning check, not a failure.</summary>
    public List<string> DiskPaths { get; set; } = [];

    /// <summary>Free space below this many GiB fails the path's check and raises the disk-space alert, unless the job
    /// says otherwise (<see cref="Interfaces.Runs.RunOptions.CriticalFreeGb"/>).</summary>
    public double CriticalFreeGb { get; set; } = DefaultCriticalFreeGb;

    /// <summary>A file system more used than this (percent) gives a warning check (the old script's 85 %).</summary>
    public double WarnUsedPercent { get; set; } = 85;
}
