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
    public const string FingerprintLabel = TestImageImport.FingerprintLabel;

    /// <summary>The image's stand-in for the SGLang checkout's test folder (empty: the python3 shim pretends to run tests).</summary>
    public const string SglangTestFolder = "sgl-workspace/sglang/test/srt";

    private const string AppDirectory = "app";
    private const string DotnetDirectory = "usr/share/dotnet";
    private const int BuilderVersion = 4;

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
            unittest|pytest)
              exec /{{DotnetDirectory}}/dotnet /{{AppDirectory}}/sglang-sim.dll unit-test "$@" ;;
          esac
        fi
        echo "python3 (sglang-ci test image): only -m sglang.launch_server, -m sglang.bench_one_batch, -m unittest and -m pytest exist here" >&2
        exit 127

        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static readonly string[] BusyboxApplets = ["sh", "tail", "sleep", "cat", "echo", "ls", "rm", "mkdir", "env", "true", "false", "grep", "timeout", "date"];

    /// <summary>Builds and imports the image unless one with the same inputs is there; returns its tag.</summary>
    public static async Task<string> EnsureAsync(IDockerClient client, CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            var inputs = Inputs.Discover();
            var fingerprint = inputs.Fingerprint();
            var (current, outdated) = await TestImageImport.FindAsync(client, Tag, fingerprint, ct);
            if (current)
            {
                return Tag;
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

            await using (var stream = File.OpenRead(tar))
            {
                await TestImageImport.ImportAsync(
                    client,
                    Repository,
                    "test",
                    fingerprint,
                    [
                        "ENV PATH=/usr/local/bin:/usr/bin:/bin",
                        $"ENV DOTNET_ROOT=/{DotnetDirectory}",
                        "ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1",
                        "ENV DOTNET_EnableDiagnostics=0",
                        "ENV HOME=/root",
                        "WORKDIR /",
                        "CMD [\"python3\", \"-m\", \"sglang.launch_server\"]",
                    ],
                    stream,
                    ct);
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
        await using var tar = new RootfsTar(File.Create(path));
        await tar.AddSkeletonAsync(ct, extraGroups: "video:x:44:\nrender:x:109:\n");

        // Where SGLang's images keep their checkout: upstream-test runs each test from its folder (the shim runs none).
        await tar.AddDirectoryAsync(SglangTestFolder, RootfsTar.Executable, ct);
        await tar.AddBusyboxAsync(inputs.Busybox, BusyboxApplets, ct);
        await tar.AddTextAsync("usr/bin/python3", PythonShim, RootfsTar.Executable, ct);
        await tar.AddTreeAsync(inputs.AppDirectory, AppDirectory, ct);

        await tar.AddFileAsync(Path.Combine(inputs.DotnetRoot, "dotnet"), $"{DotnetDirectory}/dotnet", RootfsTar.Executable, ct);
        await tar.AddTreeAsync(Path.Combine(inputs.DotnetRoot, "host"), $"{DotnetDirectory}/host", ct);
        foreach (var framework in inputs.Frameworks)
        {
            await tar.AddTreeAsync(framework, $"{DotnetDirectory}/{Path.GetRelativePath(inputs.DotnetRoot, framework).Replace('\\', '/')}", ct);
        }

        foreach (var library in inputs.NativeLibraries)
        {
            // ldd names the path the loader uses (possibly a link); the file's real content goes there.
            await tar.AddFileAsync(Path.GetFullPath(library), library.TrimStart('/'), RootfsTar.Executable, ct);
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
            return new Inputs(app, root, [core, aspnet], busybox, RootfsTar.LinkedLibraries(binaries));
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
    }
}
