namespace SglangCi.Toolkit.Downloads;

/// <summary>
/// Free space for a path that may not exist yet (the model directory is created by the download): the nearest existing
/// ancestor is asked. Checking before starting turns "disk full at 97% of a 600 GB model" into an error up front.
/// </summary>
public static class DiskSpace
{
    /// <summary>Bytes available to this user on the file system that would hold <paramref name="path"/>.</summary>
    public static long AvailableBytes(string path)
    {
        var directory = new DirectoryInfo(Path.GetFullPath(path));
        while (directory is not null && !directory.Exists)
        {
            directory = directory.Parent;
        }

        // On Linux DriveInfo runs statvfs on the name, which works for any directory of the mount.
        return new DriveInfo(directory?.FullName ?? Path.GetPathRoot(Path.GetFullPath(path))!).AvailableFreeSpace;
    }
}
