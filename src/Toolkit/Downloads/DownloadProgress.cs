namespace SglangCi.Toolkit.Downloads;

/// <summary>
/// A snapshot of one repo's download, throttled to a few per second. Bytes count only what this run must transfer
/// (files already complete and resumed prefixes are excluded), so speed and ETA computed from them are honest.
/// </summary>
/// <param name="Repo">The repo being downloaded.</param>
/// <param name="CurrentFile">The file that last moved (several download in parallel); null before the first and after the last.</param>
/// <param name="FilesDone">Files complete, including those that were already there.</param>
/// <param name="FilesTotal">Files in the repo.</param>
/// <param name="BytesDone">Bytes transferred so far in this run.</param>
/// <param name="BytesTotal">Bytes this run has to transfer.</param>
public sealed record DownloadProgress(string Repo, string? CurrentFile, int FilesDone, int FilesTotal, long BytesDone, long BytesTotal)
{
    /// <summary>One line for logs without a terminal: <c>GROK1-INT4: 3/12 files, 1.2 GB of 223.0 GB · model-00003.safetensors</c>.</summary>
    public string Describe(string label) =>
        $"{label}: {FilesDone}/{FilesTotal} files, {ByteSize.Format(BytesDone)} of {ByteSize.Format(BytesTotal)}{(CurrentFile is null ? string.Empty : " · " + CurrentFile)}";
}
