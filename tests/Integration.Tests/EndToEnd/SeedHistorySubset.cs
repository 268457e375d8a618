namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// A small real slice of the old CI's log tree (<c>../shared/seed-history</c>) copied into a temporary folder with the
/// same relative layout, so the importer reads it exactly as it reads the whole tree, in a fraction of the time.
/// </summary>
public static class SeedHistorySubset
{
    /// <summary>
    /// Copies every online result folder of <paramref name="model"/> on <paramref name="hardware"/> whose image date is
    /// between the two dates, and the benchmark cron logs (<paramref name="cronLogPrefix"/>*) of those nights, into
    /// <paramref name="target"/>; returns how many files it copied.
    /// </summary>
    public static int Copy(string seedRoot, string target, string hardware, string model, string cronLogPrefix, DateOnly from, DateOnly to)
    {
        var copied = 0;
        var results = Path.Combine(seedRoot, "online_benchmark_log", hardware, model);
        foreach (var folder in Directory.EnumerateDirectories(results))
        {
            if (ImageDate(Path.GetFileName(folder)) is { } date && date >= from && date <= to)
            {
                copied += CopyFolder(seedRoot, folder, target);
            }
        }

        for (var night = from; night <= to; night = night.AddDays(1))
        {
            var folder = Path.Combine(seedRoot, "cron_log", hardware, night.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var log in Directory.EnumerateFiles(folder, cronLogPrefix + "*"))
            {
                copied += CopyFile(seedRoot, log, target);
            }
        }

        return copied;
    }

    // Result folders are named <tag>-<hw>-<yyyyMMdd>_<MODEL>_<…>: the image date is the 8 digits before the first '_'.
    private static DateOnly? ImageDate(string folderName)
    {
        var underscore = folderName.IndexOf('_', StringComparison.Ordinal);
        return underscore >= 8 && DateOnly.TryParseExact(folderName[(underscore - 8)..underscore], "yyyyMMdd",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) ? date : null;
    }

    private static int CopyFolder(string seedRoot, string folder, string target) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(file => CopyFile(seedRoot, file, target));

    private static int CopyFile(string seedRoot, string file, string target)
    {
        var destination = Path.Combine(target, Path.GetRelativePath(seedRoot, file));
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(file, destination);
        // The seed tree is read-only; the copies must not be, or the temporary folder cannot be deleted.
        File.SetAttributes(destination, FileAttributes.Normal);
        return 1;
    }
}
