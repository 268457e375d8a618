using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Silo.RunKinds.Housekeeping;

/// <summary>Size and free space (as <c>df</c>'s "available": what a non-root writer gets) of the file system holding a path.</summary>
public static class DiskSpaceProbe
{
    /// <summary>A report with <see cref="DiskSpaceReport.Error"/> set, never an exception, when the path cannot be measured.</summary>
    public static DiskSpaceReport Measure(string what, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            var full = Path.GetFullPath(path);
            if (!Directory.Exists(full))
            {
                return new DiskSpaceReport(what, full, null, null, File.Exists(full) ? "is a file, not a folder" : "does not exist on this node");
            }

            var drive = new DriveInfo(full);
            return new DiskSpaceReport(what, full, drive.TotalSize, drive.AvailableFreeSpace, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new DiskSpaceReport(what, path, null, null, e.Message);
        }
    }
}
