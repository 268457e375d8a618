using System.Diagnostics;
using System.Formats.Tar;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using SglangCi.Integration.Tests.EndToEnd;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>
/// Builds <see cref="Tag"/> with no registry: a rootfs tar holding the SimulatedEngine's build output (framework-dependent),
/// the .NET runtime this test runs on (host, ASP.NET Core and core shared frameworks), the glibc libraries they link
/// (found with <c>ldd</c>), a static busybox for <c>/bin/sh</c> and <c>tail</c>, and a <c>python3</c> shim that maps
/// <c>python3 -m sglang.launch_server</c> / <c>sglang.bench_one_batch</c> onto <c>sglang-sim</c> (so the runtime's
/// default server command works unchanged; the GSM8K set is used when mounted at <see cref="Gsm8kPathInImage"/>).
/// The tar is <c>docker import</c>ed through Docker.DotNet. The image carries a fingerprint of its inputs; an image with
/// the same fingerprint is reused, so re-runs cost nothing.
/// </summary>
public static class SimulatedEngineImage
{
    public const string Repository = "sglang-ci/simulated-engine";
    public const string Tag = Repository + ":test";
    public const string Gsm8kPathInImage = "/data/gsm8k/test.jsonl";
    public const string FingerprintLabel = "sglang-ci.test-image-fingerprint";

    private const string AppDirectory = "app";
    private const string DotnetDirectory = "usr/share/dotnet";
    private const int BuilderVersion = 2;

    private static readonly SemaphoreSlim Gate = new(1, 1);

    private static readonly string PythonShim = $$"""
        #!/bin/sh
        # sglang-ci test image: SGLang's entry points, served by the simulated engine.
        if [ "$1" = "-m" ]; then
          case "$2" in
            sglang.launch_server)
              shift 2
              if [ -f {{Gsm8kPathInImage}} ]; then set -- "$@" --gsm8k-path {{Gsm8kPathInImage}}; fi
              exec /{{DotnetDirectory}}/dotnet /{{AppDirectory}}/sglang-sim.dll "$@" ;;
            sglang.bench_one_batch)
              shift 2
              exec /{{DotnetDirectory}}/dotnet /{{AppDirectory}}/sglang-sim.dll bench-one-batch "$@" ;;
          esac
        fi
        echo "python3 (sglang-ci test image): only -m sglang.launch_server and -m sglang.bench_one_batch exist here" >&2
        exit 127

        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static readonly string[] BusyboxApplets = ["sh", "tail", "sleep", "cat", "echo", "ls", "rm", "mkdir", "env", "true", "false", "grep"];

    /// <summary>Builds and imports the image unless one with the same inputs is there; returns its tag.</summary>
    public static async Task<string> EnsureAsync(IDockerClient client, CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            var inputs = Inputs.Discover();
            var fingerprint = inputs.Fingerprint();
            string? outdated = null;
            try
            {
                var existing = await client.Images.InspectImageAsync(Tag, ct);
                if (existing.Config?.Labels is { } labels && labels.TryGetValue(FingerprintLabel, out var found) && found == fingerprint)
                {
                    return Tag;
                }

                outdated = existing.ID;
            }
            catch (DockerImageNotFoundException)
            {
                // Build it below.
            }

            var tar = Path.Combine(CacheDirectory, $"rootfs-{fingerprint}.tar");
            if (!File.Exists(tar))
            {
                foreach (var old in Directory.GetFiles(CacheDirectory, "rootfs-*.tar"))
                {
                    File.Delete(old);
                }

                await WriteRootfsAsync(inputs, tar + ".partial", ct);
                File.Move(tar + ".partial", tar, overwrite: true);
            }

            await using var stream = File.OpenRead(tar);
            var errors = new List<string>();
            await client.Images.CreateImageAsync(
                new ImagesCreateParameters
                {
                    FromSrc = "-",
                    Repo = Repository,
                    Tag = "test",
                    Changes =
                    [
                        $"LABEL {FingerprintLabel}={fingerprint}",
                        "ENV PATH=/usr/local/bin:/usr/bin:/bin",
                        $"ENV DOTNET_ROOT=/{DotnetDirectory}",
                        "ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1",
                        "ENV DOTNET_EnableDiagnostics=0",
                        "ENV HOME=/root",
                        "WORKDIR /",
                        "CMD [\"python3\", \"-m\", \"sglang.launch_server\"]",
                    ],
                },
                stream,
                null,
                new Progress(errors),
                ct);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"docker import of {tar} failed: {string.Join("; ", errors)}");
            }

            if (outdated is not null)
            {
                try
                {
                    await client.Images.DeleteImageAsync(outdated, new ImageDeleteParameters(), ct);
                }
                catch (DockerApiException)
                {
                    // Still used by a container, or already gone: it only costs disk.
                }
            }

            return Tag;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Under this test's build output (obj-like cache beside the binaries), so a clean build clears it.</summary>
    private static string CacheDirectory
    {
        get
        {
            var directory = Path.Combine(AppContext.BaseDirectory, "docker-image-cache");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    private static async Task WriteRootfsAsync(Inputs inputs, string path, CancellationToken ct)
    {
        await using var file = File.Create(path);
        await using var tar = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: false);
        var directories = new HashSet<string>(StringComparer.Ordinal);

        async Task AddDirectoryAsync(string name, UnixFileMode mode = (UnixFileMode)0b111_101_101)
        {
            var parts = name.Trim('/').Split('/');
            for (var i = 1; i <= parts.Length; i++)
            {
                var prefix = string.Join('/', parts.Take(i));
                if (directories.Add(prefix))
                {
                    await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, prefix + "/") { Mode = i == parts.Length ? mode : (UnixFileMode)0b111_101_101 }, ct);
                }
            }
        }

        async Task AddFileAsync(string source, string name, UnixFileMode? mode = null)
        {
            if (!directories.Add(name))
            {
                return; // already there (a runtime library ldd also names)
            }

            await AddDirectoryAsync(Path.GetDirectoryName(name)!.Replace('\\', '/'));
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
            {
                Mode = mode ?? (OperatingSystem.IsWindows() ? (UnixFileMode)0b110_100_100 : File.GetUnixFileMode(source)),
            };
            await using var content = File.OpenRead(source);
            entry.DataStream = content;
            await tar.WriteEntryAsync(entry, ct);
        }

        async Task AddTextAsync(string name, string text, UnixFileMode mode)
        {
            await AddDirectoryAsync(Path.GetDirectoryName(name)!.Replace('\\', '/'));
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = mode, DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };
            await tar.WriteEntryAsync(entry, ct);
        }

        async Task AddTreeAsync(string sourceRoot, string targetRoot)
        {
            foreach (var source in Directory.EnumerateFiles(sourceRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(sourceRoot, source).Replace('\\', '/');
                await AddFileAsync(source, $"{targetRoot}/{relative}");
            }
        }

        const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
        await AddDirectoryAsync("tmp", (UnixFileMode)0b1_111_111_111);
        await AddDirectoryAsync("root", (UnixFileMode)0b111_000_000);
        await AddDirectoryAsync("proc");
        await AddDirectoryAsync("sys");
        await AddDirectoryAsync("dev");
        await AddTextAsync("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", (UnixFileMode)0b110_100_100);
        await AddTextAsync("etc/group", "root:x:0:\nvideo:x:44:\nrender:x:109:\n", (UnixFileMode)0b110_100_100);
        await AddTextAsync("etc/hosts", "127.0.0.1 localhost\n", (UnixFileMode)0b110_100_100);

        await AddFileAsync(inputs.Busybox, "bin/busybox", Executable);
        foreach (var applet in BusyboxApplets)
        {
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, $"bin/{applet}") { LinkName = "busybox", Mode = Executable }, ct);
        }

        await AddTextAsync("usr/bin/python3", PythonShim, Executable);
        await AddTreeAsync(inputs.AppDirectory, AppDirectory);

        await AddFileAsync(Path.Combine(inputs.DotnetRoot, "dotnet"), $"{DotnetDirectory}/dotnet", Executable);
        await AddTreeAsync(Path.Combine(inputs.DotnetRoot, "host"), $"{DotnetDirectory}/host");
        foreach (var framework in inputs.Frameworks)
        {
            await AddTreeAsync(framework, $"{DotnetDirectory}/{Path.GetRelativePath(inputs.DotnetRoot, framework).Replace('\\', '/')}");
        }

        foreach (var library in inputs.NativeLibraries)
        {
            // ldd names the path the loader uses (possibly a link); the file's real content goes there.
            await AddFileAsync(Path.GetFullPath(library), library.TrimStart('/'), Executable);
        }
    }

    private sealed class Progress(List<string> errors) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value)
        {
            if (value?.Error?.Message is { Length: > 0 } error)
            {
                errors.Add(error);
            }
            else if (value?.ErrorMessage is { Length: > 0 } message)
            {
                errors.Add(message);
            }
        }
    }

    /// <summary>What goes into the image, found on this machine.</summary>
    private sealed record Inputs(string AppDirectory, string DotnetRoot, IReadOnlyList<string> Frameworks, string Busybox, IReadOnlyList<string> NativeLibraries)
    {
        public static Inputs Discover()
        {
            var layout = RepositoryLayout.Discover();
            var configuration = typeof(SimulatedEngineImage).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var candidates = new[] { configuration, "Debug", "Release" }.Distinct(StringComparer.Ordinal)
                .Select(c => Path.Combine(layout.Root, "src", "SimulatedEngine", "bin", c, "net10.0"))
                .ToList();
            var app = candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "sglang-sim.dll")))
                ?? throw new FileNotFoundException($"sglang-sim.dll is not built; looked in {string.Join(", ", candidates)}. Build the solution first.");

            // This test runs on .NET from <root>/shared/Microsoft.NETCore.App/<version>/; the image gets the same runtime.
            var core = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/', '\\');
            var version = Path.GetFileName(core);
            var root = Path.GetFullPath(Path.Combine(core, "..", "..", ".."));
            var aspnet = Path.Combine(root, "shared", "Microsoft.AspNetCore.App", version);
            if (!Directory.Exists(aspnet))
            {
                throw new DirectoryNotFoundException($"the ASP.NET Core runtime {version} is not at {aspnet}; the image needs it beside {core}");
            }

            var busybox = new[] { "/bin/busybox", "/usr/bin/busybox" }.FirstOrDefault(File.Exists)
                ?? throw new FileNotFoundException("busybox not found at /bin/busybox or /usr/bin/busybox (apt-get install busybox-static)");

            var binaries = new[] { Path.Combine(root, "dotnet"), busybox }
                .Concat(Directory.EnumerateFiles(Path.Combine(root, "host"), "*.so", SearchOption.AllDirectories))
                .Concat(Directory.EnumerateFiles(core, "*.so"))
                .Concat(Directory.EnumerateFiles(aspnet, "*.so"));
            return new Inputs(app, root, [core, aspnet], busybox, LinkedLibraries(binaries));
        }

        public string Fingerprint()
        {
            var text = new StringBuilder($"v{BuilderVersion}\n{PythonShim}\n{Busybox}\n");
            foreach (var file in Directory.EnumerateFiles(AppDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                // Contents, not times: builds are deterministic, so a rebuild of the same sources reuses the image.
                text.Append(CultureInvariant($"{Path.GetRelativePath(AppDirectory, file)} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))}\n"));
            }

            text.AppendJoin('\n', Frameworks).Append('\n').AppendJoin('\n', NativeLibraries);
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
        }

        private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

        /// <summary>Every shared library the binaries load (<c>ldd</c>), the loader included.</summary>
        private static IReadOnlyList<string> LinkedLibraries(IEnumerable<string> binaries)
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
    }
}
