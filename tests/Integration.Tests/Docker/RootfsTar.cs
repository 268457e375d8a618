using System.Diagnostics;
using System.Formats.Tar;
using System.Text;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>
/// Writes a root file system as a tar for <c>docker import</c> (no registry, no Dockerfile): folders made once with
/// their parents, files with their modes, symbolic links kept as links, and the shared libraries a binary loads found
/// with <c>ldd</c>. For test images made from what this machine has installed.
/// </summary>
internal sealed class RootfsTar : IAsyncDisposable
{
    public const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    public const UnixFileMode Readable = (UnixFileMode)0b110_100_100;

    private readonly TarWriter _tar;
    private readonly HashSet<string> _entries = new(StringComparer.Ordinal);

    public RootfsTar(Stream target, bool leaveOpen = false) => _tar = new TarWriter(target, TarEntryFormat.Pax, leaveOpen);

    /// <summary>The usual folders (<c>/tmp</c> sticky, <c>/root</c> private, mount points) and a root user.</summary>
    /// <param name="extraGroups">Lines for <c>/etc/group</c> after root's (<c>video:x:44:</c> for GPU device access).</param>
    public async Task AddSkeletonAsync(CancellationToken ct, string extraGroups = "")
    {
        await AddDirectoryAsync("tmp", (UnixFileMode)0b1_111_111_111, ct);
        await AddDirectoryAsync("root", (UnixFileMode)0b111_000_000, ct);
        foreach (var mountPoint in new[] { "proc", "sys", "dev", "etc" })
        {
            await AddDirectoryAsync(mountPoint, Executable, ct);
        }

        await AddTextAsync("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", Readable, ct);
        await AddTextAsync("etc/group", "root:x:0:\n" + extraGroups, Readable, ct);
        await AddTextAsync("etc/hosts", "127.0.0.1 localhost\n", Readable, ct);
    }

    /// <summary>A static busybox at <c>/bin/busybox</c> with a link per applet in <c>/bin</c>.</summary>
    public async Task AddBusyboxAsync(string busybox, IEnumerable<string> applets, CancellationToken ct)
    {
        await AddFileAsync(busybox, "bin/busybox", Executable, ct);
        foreach (var applet in applets)
        {
            await AddLinkAsync($"bin/{applet}", "busybox", ct);
        }
    }

    public async Task AddDirectoryAsync(string name, UnixFileMode mode, CancellationToken ct)
    {
        var parts = name.Trim('/').Split('/');
        for (var i = 1; i <= parts.Length; i++)
        {
            var prefix = string.Join('/', parts.Take(i));
            if (_entries.Add(prefix))
            {
                await _tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, prefix + "/") { Mode = i == parts.Length ? mode : Executable }, ct);
            }
        }
    }

    /// <summary>A host file's content at <paramref name="name"/> (its own mode unless given); a name written before is skipped.</summary>
    public async Task AddFileAsync(string source, string name, UnixFileMode? mode, CancellationToken ct)
    {
        if (!_entries.Add(name))
        {
            return;
        }

        await AddDirectoryAsync(Parent(name), Executable, ct);
        await using var content = File.OpenRead(source);
        await _tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = mode ?? (OperatingSystem.IsWindows() ? Readable : File.GetUnixFileMode(source)), DataStream = content }, ct);
    }

    public async Task AddLinkAsync(string name, string target, CancellationToken ct)
    {
        if (!_entries.Add(name))
        {
            return;
        }

        await AddDirectoryAsync(Parent(name), Executable, ct);
        await _tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, Mode = Executable }, ct);
    }

    public async Task AddTextAsync(string name, string text, UnixFileMode mode, CancellationToken ct)
    {
        _entries.Add(name);
        await AddDirectoryAsync(Parent(name), Executable, ct);
        await _tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = mode, DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) }, ct);
    }

    /// <summary>A host folder at <paramref name="targetRoot"/>: files with their modes, links as links.</summary>
    public async Task AddTreeAsync(string sourceRoot, string targetRoot, CancellationToken ct)
    {
        foreach (var entry in new DirectoryInfo(sourceRoot).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            var name = $"{targetRoot}/{Path.GetRelativePath(sourceRoot, entry.FullName).Replace('\\', '/')}";
            if (entry.LinkTarget is { } link)
            {
                await AddLinkAsync(name, link, ct);
            }
            else if (entry is DirectoryInfo)
            {
                await AddDirectoryAsync(name, Executable, ct);
            }
            else
            {
                await AddFileAsync(entry.FullName, name, null, ct);
            }
        }
    }

    /// <summary>Every shared library the binaries load (<c>ldd</c>), the loader included, as the paths the loader uses.</summary>
    public static IReadOnlyList<string> LinkedLibraries(IEnumerable<string> binaries)
    {
        var libraries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var binary in binaries)
        {
            var start = new ProcessStartInfo("ldd") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(binary);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("ldd could not start");
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)" or "/lib64/ld-linux-x86-64.so.2 (0x…)"
                var arrow = line.IndexOf("=> ", StringComparison.Ordinal);
                var path = (arrow >= 0 ? line[(arrow + 3)..] : line).Split(' ')[0];
                if (path.StartsWith('/') && File.Exists(path))
                {
                    libraries.Add(path);
                }
            }
        }

        return [.. libraries];
    }

    public ValueTask DisposeAsync() => _tar.DisposeAsync();

    private static string Parent(string name) => Path.GetDirectoryName(name)!.Replace('\\', '/');
}
