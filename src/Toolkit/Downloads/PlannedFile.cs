namespace SglangCi.Toolkit.Downloads;

/// <summary>One file of a plan: what the repo has, what is on disk, and how many bytes remain to transfer.</summary>
/// <param name="File">The repo's file (size and hash).</param>
/// <param name="State">What is on disk now.</param>
/// <param name="LocalBytes">Bytes already usable: the whole file when complete, the prefix when partial, else 0.</param>
public sealed record PlannedFile(RepoFile File, LocalFileState State, long LocalBytes)
{
    /// <summary>Bytes this file still needs.</summary>
    public long BytesToDownload => State == LocalFileState.Complete ? 0 : File.Size - LocalBytes;
}
