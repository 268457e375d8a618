using System.Reflection;
using System.Runtime.InteropServices;
using SglangCi.Integration.Tests.EndToEnd;

// Not "…Tests.Process": that namespace would hide System.Diagnostics.Process in the other test folders.
namespace SglangCi.Integration.Tests.Processes;

/// <summary>
/// A <c>python3</c> stand-in for the process runtime's tests, a bash script in a folder of its own: <c>-m sglang.launch_server</c>
/// runs the SimulatedEngine's build output with the same arguments (plus <c>--gsm8k-path</c> when given), <c>-m
/// sglang.bench_one_batch</c> runs its <c>bench-one-batch</c>, the mapping of <see cref="Docker.SimulatedEngineImage"/>'s shim.
/// With <see cref="ChildPidFileVariable"/> set it first leaves a child behind that ignores SIGTERM (its pid in that file),
/// so a test can see that stopping reaches the whole process tree.
/// </summary>
public sealed class SimulatedEngineShim : IDisposable
{
    public const string ChildPidFileVariable = "SGLCI_SHIM_CHILD_PIDFILE";

    public SimulatedEngineShim(string? gsm8kPath = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "sglci-process-shim-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        Python = Path.Combine(Directory, "python3");
        var gsm8k = gsm8kPath is null ? "" : $" --gsm8k-path {Quote(gsm8kPath)}";
        var script = $$"""
            #!/usr/bin/env bash
            # sglang-ci process-runtime tests: SGLang's entry points, served by the simulated engine.
            if [ -n "${{{ChildPidFileVariable}}:-}" ]; then
              ( trap '' TERM; exec sleep 600 ) </dev/null >/dev/null 2>&1 &
              echo $! > "${{{ChildPidFileVariable}}}"
            fi
            if [ "$1" = "-m" ]; then
              case "$2" in
                sglang.launch_server)
                  shift 2
                  exec {{Quote(Dotnet)}} {{Quote(EngineAssembly)}} "$@"{{gsm8k}} ;;
                sglang.bench_one_batch)
                  shift 2
                  exec {{Quote(Dotnet)}} {{Quote(EngineAssembly)}} bench-one-batch "$@" ;;
              esac
            fi
            echo "python3 (sglang-ci test shim): only -m sglang.launch_server and -m sglang.bench_one_batch exist here" >&2
            exit 127

            """.Replace("\r\n", "\n", StringComparison.Ordinal);
        File.WriteAllText(Python, script);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Python, (UnixFileMode)0b111_101_101);
        }
    }

    public string Directory { get; }

    /// <summary>The script to configure as the runtime's Python.</summary>
    public string Python { get; }

    /// <summary>The SimulatedEngine's build output for this test's configuration (else Debug, else Release).</summary>
    public static string EngineAssembly
    {
        get
        {
            var layout = RepositoryLayout.Discover();
            var configuration = typeof(SimulatedEngineShim).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var candidates = new[] { configuration, "Debug", "Release" }.Distinct(StringComparer.Ordinal)
                .Select(c => Path.Combine(layout.Root, "src", "SimulatedEngine", "bin", c, "net10.0", "sglang-sim.dll"))
                .ToList();
            return candidates.FirstOrDefault(File.Exists)
                ?? throw new FileNotFoundException($"sglang-sim.dll is not built; looked in {string.Join(", ", candidates)}. Build the solution first.");
        }
    }

    /// <summary>The <c>dotnet</c> host of the runtime this test runs on.</summary>
    private static string Dotnet
    {
        get
        {
            var core = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/', '\\');
            var host = Path.GetFullPath(Path.Combine(core, "..", "..", "..", "dotnet"));
            return File.Exists(host) ? host : "dotnet";
        }
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
