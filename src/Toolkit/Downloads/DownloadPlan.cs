namespace SglangCi.Toolkit.Downloads;

/// <summary>
/// What a download of one repo into one directory would do, computed before writing anything: the dry run prints it,
/// and the real run checks its byte total against the free disk space before the first byte lands.
/// </summary>
public sealed record DownloadPlan(string Repo, string Revision, string LocalDirectory, IReadOnlyList<PlannedFile> Files)
{
    /// <summary>Size of the whole repo.</summary>
    public long TotalBytes => Files.Sum(f => f.File.Size);

    /// <summary>Bytes already on disk and usable (complete files and resumable prefixes).</summary>
    public long PresentBytes => Files.Sum(f => f.LocalBytes);

    /// <summary>Bytes left to transfer, which is also the disk space the download needs.</summary>
    public long BytesToDownload => Files.Sum(f => f.BytesToDownload);

    public int CompleteFiles => Files.Count(f => f.State == LocalFileState.Complete);

    /// <summary>True when nothing needs downloading.</summary>
    public bool IsComplete => Files.All(f => f.State == LocalFileState.Complete);
}
