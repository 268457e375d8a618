using SglangCi.Toolkit.History.Cron;

namespace SglangCi.Toolkit.History;

/// <summary>
/// Finds the importable units of the old CI's <c>log</c> tree (the layout of inventory §2.1): online result folders,
/// benchmark and image-check cron logs, sanity and PD folders, unit-test logs and coverage reports. Plots, the
/// alert JSON and the SQLite DB are not read here (the DB has its own import). Paths are matched by shape, not by a
/// fixed list of hardware or model names, so a new model or hardware folder is found like the old ones.
/// </summary>
public static class SeedTree
{
    /// <summary>The units, and the cron logs of jobs nobody told the importer about (reported, not guessed at).</summary>
    public static (IReadOnlyList<SeedUnit> Units, IReadOnlyList<string> Unrecognised) Scan(string root)
    {
        var rootInfo = new DirectoryInfo(root);
        if (!rootInfo.Exists)
        {
            throw new DirectoryNotFoundException($"The seed tree '{root}' does not exist.");
        }

        var full = rootInfo.FullName;
        var units = new List<SeedUnit>();
        var unrecognised = new List<string>();
        foreach (var folder in Folders(full, "online_benchmark_log", depth: 3))
        {
            units.Add(FolderUnit(full, SeedUnitKind.OnlineFolder, folder));
        }

        foreach (var file in Files(full, "cron_log", depth: 3))
        {
            var kind = CronJobNames.IsImageCheck(file.Name) ? SeedUnitKind.ImageCheckLog
                : CronJobNames.BenchmarkJob(file.Name) is not null ? SeedUnitKind.BenchmarkCronLog
                : null;
            if (kind is not null)
            {
                units.Add(new SeedUnit(full, kind, Relative(full, file.FullName), [file]));
            }
            else if (!CronJobNames.IsOtherKnownJob(file.Name))
            {
                unrecognised.Add(Relative(full, file.FullName));
            }
        }

        foreach (var folder in Folders(full, Path.Combine("test", "sanity_check_log"), depth: 2))
        {
            units.Add(FolderUnit(full, SeedUnitKind.SanityFolder, folder));
        }

        foreach (var folder in Folders(full, Path.Combine("test", "pd", "pd_log"), depth: 2))
        {
            units.Add(FolderUnit(full, SeedUnitKind.PdFolder, folder));
        }

        foreach (var file in Files(full, Path.Combine("test", "unit-test-backend-8-gpu-CAR-amd"), depth: 2).Where(f => f.Extension == ".log"))
        {
            units.Add(new SeedUnit(full, SeedUnitKind.UnitTestLog, Relative(full, file.FullName), [file]));
        }

        foreach (var file in Files(full, Path.Combine("upstream_ci", "ci_report"), depth: 1).Where(f => f.Extension == ".csv"))
        {
            units.Add(new SeedUnit(full, SeedUnitKind.CoverageReport, Relative(full, file.FullName), [file]));
        }

        return (units, unrecognised);
    }

    private static SeedUnit FolderUnit(string root, string kind, DirectoryInfo folder) =>
        new(root, kind, Relative(root, folder.FullName),
            folder.EnumerateFiles("*", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal).ToList());

    private static IEnumerable<DirectoryInfo> Folders(string root, string under, int depth)
    {
        var start = new DirectoryInfo(Path.Combine(root, under));
        if (!start.Exists)
        {
            return [];
        }

        IEnumerable<DirectoryInfo> level = [start];
        for (var i = 0; i < depth; i++)
        {
            level = level.SelectMany(d => d.EnumerateDirectories()).OrderBy(d => d.FullName, StringComparer.Ordinal).ToList();
        }

        return level;
    }

    private static IEnumerable<FileInfo> Files(string root, string under, int depth) =>
        Folders(root, under, depth - 1).SelectMany(d => d.EnumerateFiles()).OrderBy(f => f.FullName, StringComparer.Ordinal);

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
