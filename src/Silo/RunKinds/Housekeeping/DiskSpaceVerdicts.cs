using System.Globalization;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Silo.RunKinds.Housekeeping;

/// <summary>
/// The disk-space checks of a housekeeping run and its one alert: a check <c>disk &lt;path&gt;</c> per path with the free
/// GiB as its value, failed below the critical free space, a warning on a file system used beyond the warning percent
/// (or a path that could not be measured), passed otherwise; one Error alert (the old "🚨 Critical Disk Space Alert")
/// naming every path below the critical line.
/// </summary>
public static class DiskSpaceVerdicts
{
    /// <summary>What the Docker engine's data root is called in <see cref="HousekeepingReport.Disks"/>.</summary>
    public const string DockerDataRoot = "docker data root";

    private const double BytesPerGiB = 1024.0 * 1024 * 1024;

    public static string CheckName(string path) => $"disk {path}";

    /// <summary>Free GiB, two decimals; null when the path was not measured.</summary>
    public static double? FreeGiB(DiskSpaceReport disk)
    {
        ArgumentNullException.ThrowIfNull(disk);
        return disk.FreeBytes is { } free ? Math.Round(free / BytesPerGiB, 2) : null;
    }

    public static RunCheckResult Judge(DiskSpaceReport disk, double criticalFreeGb, double warnUsedPercent)
    {
        ArgumentNullException.ThrowIfNull(disk);
        var name = CheckName(disk.Path);
        if (disk.Error is not null || disk.FreeBytes is not { } freeBytes || disk.TotalBytes is not { } totalBytes)
        {
            // Docker's data root lives on the Docker host: not being on this machine is not a problem of the node's disks.
            var status = disk.What == DockerDataRoot ? CheckStatus.Skipped : CheckStatus.Warning;
            return new RunCheckResult(name, status, null, null, $"{disk.What}: not measured: {disk.Error ?? "no size reported"}");
        }

        var free = freeBytes / BytesPerGiB;
        var used = totalBytes > 0 ? 100.0 * (totalBytes - freeBytes) / totalBytes : 0;
        var facts = Invariant($"{disk.What}: {free:0.0} GiB free of {totalBytes / BytesPerGiB:0.0} GiB ({used:0.#} % used)");
        if (free < criticalFreeGb)
        {
            return new RunCheckResult(name, CheckStatus.Failed, FreeGiB(disk), null, Invariant($"{facts}; below the critical {criticalFreeGb:0.##} GiB"));
        }

        return used > warnUsedPercent
            ? new RunCheckResult(name, CheckStatus.Warning, FreeGiB(disk), null, Invariant($"{facts}; more than {warnUsedPercent:0.#} % used"))
            : new RunCheckResult(name, CheckStatus.Passed, FreeGiB(disk), null, facts);
    }

    /// <summary>The run's one disk-space alert, or null when no path is below <paramref name="criticalFreeGb"/>.</summary>
    public static AlertMessage? Alert(
        string runId, NodeInventory? node, string nodeName, IReadOnlyList<DiskSpaceReport> disks, double criticalFreeGb, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(disks);
        var low = disks.Where(d => d.Error is null && d.FreeBytes is { } free && free / BytesPerGiB < criticalFreeGb).ToList();
        if (low.Count == 0)
        {
            return null;
        }

        var free = low.Select(d => Invariant($"{FreeGiB(d):0.##}")).ToList();
        var lines = low.Select((d, i) => $"{d.Path} ({d.What}): {free[i]} GiB free").ToList();
        var facts = new Dictionary<string, string>
        {
            ["run"] = runId,
            ["node"] = nodeName,
            ["host"] = node?.Host ?? "",
            ["hardware"] = node?.Hardware ?? "",
            ["paths"] = string.Join(", ", low.Select(d => d.Path)),
            ["freeGiB"] = string.Join(", ", free),
            ["thresholdGiB"] = Invariant($"{criticalFreeGb:0.##}"),
        };
        return new AlertMessage(
            DedupeKey: $"{runId}:disk-space",
            Title: $"Critical disk space on {nodeName}",
            Severity: AlertSeverity.Error,
            Text: Invariant($"Free space below {criticalFreeGb:0.##} GiB on {nodeName}: {string.Join("; ", lines)}."),
            Facts: facts,
            CreatedAt: now)
        {
            Kind = AlertCardKind.Housekeeping,
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
