using System.Globalization;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Silo.RunKinds.Housekeeping;

/// <summary>
/// A Docker clean-up (<see cref="HousekeepingReport"/>) as a run's checks, one per group: <c>images</c> (old images of
/// ours), <c>dangling-images</c> and <c>core-dumps</c>, each with the number removed (or, dry run, that would be) as its
/// value and the space freed in its detail. A group fails when one of its removals failed (the detail names it and why),
/// and both image groups fail when Docker did not answer.
/// </summary>
public static class DockerCleanupChecks
{
    public const string Images = "images";
    public const string DanglingImages = "dangling-images";
    public const string CoreDumps = "core-dumps";

    /// <summary>The check of a node with no Docker engine to clean up.</summary>
    public const string DockerImages = "docker-images";

    /// <summary>Names listed in a detail; the command log has them all.</summary>
    private const int NamesShown = 5;

    public static IReadOnlyList<RunCheckResult> From(HousekeepingReport report, string? logName)
    {
        ArgumentNullException.ThrowIfNull(report);
        var suffix = logName is null ? "" : $" (report in {logName})";
        return
        [
            Group(report, Images, HousekeepingItemKind.Image, suffix),
            Group(report, DanglingImages, HousekeepingItemKind.DanglingImage, suffix),
            Group(report, CoreDumps, HousekeepingItemKind.CoreDump, suffix),
        ];
    }

    /// <summary>Why the run fails, or null when Docker answered and every removal went through.</summary>
    public static string? FailureReason(HousekeepingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.DockerError is { } error)
        {
            return $"housekeeping: {error}";
        }

        var failed = report.Items.Where(i => i.Outcome == HousekeepingOutcome.Failed).ToList();
        return failed.Count == 0
            ? null
            : $"housekeeping: {failed.Count} of {report.Items.Count} removal(s) failed: {Names(failed.Select(f => $"{f.Name} ({f.Error})"))}";
    }

    private static RunCheckResult Group(HousekeepingReport report, string name, HousekeepingItemKind kind, string suffix)
    {
        if (report.DockerError is { } error && kind != HousekeepingItemKind.CoreDump)
        {
            return new RunCheckResult(name, CheckStatus.Failed, null, null, error + suffix);
        }

        var items = report.Items.Where(i => i.Kind == kind).ToList();
        var done = items.Where(i => i.Outcome != HousekeepingOutcome.Failed).ToList();
        var failed = items.Where(i => i.Outcome == HousekeepingOutcome.Failed).ToList();
        var kept = report.Kept.Where(k => k.Kind == kind).ToList();
        var verb = report.DryRun ? "would remove" : "removed";
        var parts = new List<string>
        {
            done.Count == 0 ? $"{verb} none" : $"{verb} {done.Count} ({Size(done.Sum(i => i.SizeBytes))}): {Names(done.Select(i => i.Name))}",
        };
        if (failed.Count > 0)
        {
            parts.Add($"{failed.Count} failed: {Names(failed.Select(f => $"{f.Name} ({f.Error})"))}");
        }

        if (kept.Count > 0)
        {
            parts.Add($"kept {kept.Count}: {Names(kept.Select(k => $"{k.Name} ({k.Reason})"))}");
        }

        if (kind == HousekeepingItemKind.CoreDump)
        {
            parts.AddRange(report.Notes);
        }

        return new RunCheckResult(name, failed.Count > 0 ? CheckStatus.Failed : CheckStatus.Passed, done.Count, null, string.Join("; ", parts) + suffix);
    }

    private static string Names(IEnumerable<string> names)
    {
        var all = names.ToList();
        return all.Count <= NamesShown ? string.Join(", ", all) : $"{string.Join(", ", all.Take(NamesShown))} and {all.Count - NamesShown} more";
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
