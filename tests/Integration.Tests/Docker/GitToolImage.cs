using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>
/// Builds <see cref="Tag"/> with no registry: busybox (<c>sh</c> and the applets the PR image scripts use) and this
/// machine's git (<c>/usr/bin/git</c>, <c>/usr/lib/git-core</c>, the libraries <c>ldd</c> lists), imported from a rootfs
/// tar. A stand-in for an SGLang image's tool set, for the PR image tests: enough git to fetch from a local repository
/// and check out. Reused while its inputs are the same (a fingerprint label).
/// </summary>
public static class GitToolImage
{
    public const string Repository = "sglang-ci/git-tool";
    public const string Tag = Repository + ":test";

    private const string Git = "/usr/bin/git";
    private const string GitCore = "/usr/lib/git-core";
    private const int BuilderVersion = 1;
    private static readonly string[] Applets = ["sh", "tail", "sleep", "cat", "echo", "ls", "rm", "mkdir", "env", "true", "false", "grep", "printf", "test", "["];
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Null when this machine has what the image is made of, else what is missing.</summary>
    public static string? Missing =>
        !File.Exists(Git) || !Directory.Exists(GitCore) ? $"git is not installed here ({Git}, {GitCore}); apt-get install git"
        : Busybox is null ? "busybox not found at /bin/busybox or /usr/bin/busybox (apt-get install busybox-static)"
        : null;

    private static string? Busybox => new[] { "/bin/busybox", "/usr/bin/busybox" }.FirstOrDefault(File.Exists);

    /// <summary>Builds and imports the image unless one with the same inputs is there; returns its tag.</summary>
    public static async Task<string> EnsureAsync(IDockerClient client, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (Missing is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        await Gate.WaitAsync(ct);
        try
        {
            var libraries = RootfsTar.LinkedLibraries(new[] { Git, Busybox! }.Concat(Directory.EnumerateFiles(GitCore).Where(IsElf)));
            var fingerprint = Fingerprint(libraries);
            if ((await TestImageImport.FindAsync(client, Tag, fingerprint, ct)).Current)
            {
                return Tag;
            }

            using var tar = new MemoryStream();
            await using (var rootfs = new RootfsTar(tar, leaveOpen: true))
            {
                await rootfs.AddSkeletonAsync(ct);
                await rootfs.AddBusyboxAsync(Busybox!, Applets, ct);
                await rootfs.AddFileAsync(Git, "usr/bin/git", RootfsTar.Executable, ct);
                await rootfs.AddTreeAsync(GitCore, "usr/lib/git-core", ct);
                foreach (var library in libraries)
                {
                    await rootfs.AddFileAsync(Path.GetFullPath(library), library.TrimStart('/'), RootfsTar.Executable, ct);
                }
            }

            tar.Position = 0;
            await TestImageImport.ImportAsync(client, Repository, "test", fingerprint, ["ENV PATH=/usr/local/bin:/usr/bin:/bin", "ENV HOME=/root", "WORKDIR /", "CMD [\"sh\"]"], tar, ct);
            return Tag;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static bool IsElf(string path)
    {
        if (new FileInfo(path).LinkTarget is not null)
        {
            return false;
        }

        Span<byte> magic = stackalloc byte[4];
        using var file = File.OpenRead(path);
        return file.Read(magic) == 4 && magic.SequenceEqual("\u007fELF"u8);
    }

    private static string Fingerprint(IReadOnlyList<string> libraries)
    {
        var text = new StringBuilder($"v{BuilderVersion}\n{string.Join(' ', Applets)}\n");
        foreach (var file in new[] { Git, Busybox! }.Concat(libraries))
        {
            text.Append(file).Append(' ').Append(new FileInfo(file).Length).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
