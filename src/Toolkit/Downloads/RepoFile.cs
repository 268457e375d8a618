namespace SglangCi.Toolkit.Downloads;

/// <summary>
/// One file of a Hugging Face repository as the tree API lists it. The hash lets a download be verified end to end:
/// a truncated transfer, a proxy error page or a corrupted resume prefix must never land as a model shard that the
/// server later loads (and crashes on, or worse, serves wrong tokens with).
/// </summary>
/// <param name="Path">Path inside the repository, '/'-separated (also the path under the local directory).</param>
/// <param name="Size">Size in bytes of the real content (the LFS object's size for LFS files, not the pointer's).</param>
/// <param name="GitOid">Git blob SHA-1 (hex) of the file as stored in git; for LFS files that is the pointer's blob.</param>
/// <param name="Sha256">SHA-256 (hex) of the content for LFS files (the LFS oid); null for plain git files.</param>
public sealed record RepoFile(string Path, long Size, string? GitOid, string? Sha256)
{
    /// <summary>Large files are stored in LFS (or Xet) and carry a SHA-256; small ones (configs, tokenizers) are plain git blobs.</summary>
    public bool IsLfs => Sha256 is not null;
}
