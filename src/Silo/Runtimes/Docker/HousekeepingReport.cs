using System.Text.Json.Serialization;

namespace SglangCi.Silo.Runtimes.Docker;

[JsonConverter(typeof(JsonStringEnumConverter<HousekeepingOutcome>))]
public enum HousekeepingOutcome
{
    /// <summary>Dry run: it would have been removed.</summary>
    WouldRemove,
    Removed,
    Failed,
}

/// <summary>One item of the plan and what became of it; <see cref="Error"/> says why it could not be removed.</summary>
public sealed record HousekeepingItemResult(
    HousekeepingItemKind Kind, string Name, long SizeBytes, DateTimeOffset Created, string Reason, HousekeepingOutcome Outcome, string? Error);

/// <summary>Size and free space of the file system holding <see cref="Path"/> (null when it could not be read).</summary>
public sealed record DiskSpaceReport(string What, string Path, long? TotalBytes, long? FreeBytes, string? Error)
{
    public double? FreePercent => TotalBytes is > 0 && FreeBytes is { } free ? Math.Round(100.0 * free / TotalBytes.Value, 1) : null;
}

/// <summary>What housekeeping found, removed (or would have) and kept, and the disk space after it.</summary>
public sealed record HousekeepingReport(
    bool DryRun,
    DateTimeOffset At,
    string DockerEndpoint,
    string? DockerError,
    int OlderThanDays,
    IReadOnlyList<HousekeepingItemResult> Items,
    IReadOnlyList<HousekeepingKept> Kept,
    IReadOnlyList<DiskSpaceReport> Disks,
    IReadOnlyList<string> Notes)
{
    /// <summary>Bytes removed (apply) or that would be (dry run).</summary>
    public long FreedBytes => Items.Where(i => i.Outcome != HousekeepingOutcome.Failed).Sum(i => i.SizeBytes);

    public int FailedCount => Items.Count(i => i.Outcome == HousekeepingOutcome.Failed);

    /// <summary>Every removal that was tried succeeded and Docker answered.</summary>
    public bool Succeeded => FailedCount == 0 && DockerError is null;
}
