using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SglangCi.Toolkit.History;

/// <summary>
/// One importable unit of the old CI's tree: a result folder (its files belong together) or a single log or report.
/// Its <see cref="Fingerprint"/> is computed from the files' relative paths, sizes and modification times without
/// reading them, so a re-import can skip an unchanged unit in microseconds.
/// </summary>
public sealed class SeedUnit
{
    private readonly string _root;
    private readonly IReadOnlyList<FileInfo> _files;

    public SeedUnit(string root, string kind, string relativePath, IReadOnlyList<FileInfo> files)
    {
        _root = root;
        Kind = kind;
        RelativePath = relativePath;
        _files = files;
        Fingerprint = ComputeFingerprint();
    }

    public string Kind { get; }

    /// <summary>The unit's path relative to the tree's root, with '/'.</summary>
    public string RelativePath { get; }

    public string Fingerprint { get; }

    public int FileCount => _files.Count;

    public long Bytes => _files.Sum(f => f.Length);

    /// <summary>Reads the unit's files (UTF-8, invalid bytes replaced) in name order.</summary>
    public IReadOnlyList<SeedFile> ReadFiles() =>
        _files.Select(f => new SeedFile(Relative(f.FullName), File.ReadAllText(f.FullName, Encoding.UTF8))).ToList();

    private string Relative(string fullName) => Path.GetRelativePath(_root, fullName).Replace('\\', '/');

    private string ComputeFingerprint()
    {
        var text = new StringBuilder();
        foreach (var file in _files)
        {
            text.Append(Relative(file.FullName)).Append('|')
                .Append(file.Length.ToString(CultureInfo.InvariantCulture)).Append('|')
                .Append(file.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
