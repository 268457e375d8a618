using System.Security.Cryptography;
using System.Text;

namespace SglangCi.Toolkit.Downloads;

/// <summary>
/// The hash a repo file is checked against, computed while the bytes stream in (no second pass over a 5 GB shard):
/// SHA-256 for LFS files (the LFS oid), the git blob SHA-1 (<c>sha1("blob {size}\0" + content)</c>) for plain files.
/// </summary>
internal sealed class ContentHash : IDisposable
{
    private readonly IncrementalHash _hash;

    private ContentHash(IncrementalHash hash, string? expected, string kind)
    {
        _hash = hash;
        Expected = expected?.ToLowerInvariant();
        Kind = kind;
    }

    /// <summary>Expected hex digest; null when the listing gave none (then nothing is checked).</summary>
    public string? Expected { get; }

    /// <summary>"sha256" or "git-sha1", for messages.</summary>
    public string Kind { get; }

    public static ContentHash For(RepoFile file)
    {
        if (file.Sha256 is not null)
        {
            return new ContentHash(IncrementalHash.CreateHash(HashAlgorithmName.SHA256), file.Sha256, "sha256");
        }

        var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(Encoding.ASCII.GetBytes($"blob {file.Size}\0"));
        return new ContentHash(sha1, file.GitOid, "git-sha1");
    }

    public void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

    /// <summary>Feeds the first <paramref name="length"/> bytes of a file (the prefix a resume continues from).</summary>
    public async Task AppendFileAsync(string path, long length, CancellationToken ct)
    {
        var buffer = new byte[1 << 20];
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var remaining = length;
        while (remaining > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            _hash.AppendData(buffer, 0, read);
            remaining -= read;
        }
    }

    /// <summary>The hex digest; null when it matches (or there is nothing to match), else the actual value.</summary>
    public string? Mismatch()
    {
        var actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
        return Expected is null || actual == Expected ? null : actual;
    }

    public void Dispose() => _hash.Dispose();
}
