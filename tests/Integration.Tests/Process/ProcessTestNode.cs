using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using SglangCi.Grains.Runs;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Interfaces.Nodes;
using SglangCi.Silo.Runtimes.Processes;

// Not "…Tests.Process": that namespace would hide System.Diagnostics.Process in the other test folders.
namespace SglangCi.Integration.Tests.Processes;

/// <summary>
/// A bare-metal node of its own for one test: a <see cref="ProcessRuntime"/> whose Python is a <see cref="SimulatedEngineShim"/>,
/// servers on 127.0.0.1 from a free port on, run logs in a temp folder, and helpers to see the processes it started.
/// </summary>
public sealed partial class ProcessTestNode : IAsyncDisposable
{
    public ProcessTestNode(Action<ProcessRuntimeOptions>? configure = null)
    {
        Shim = new SimulatedEngineShim();
        Node = new NodeInventory($"process-test-{Guid.NewGuid().ToString("N")[..8]}", "sim", "localhost", 8, EngineRuntimeKind.Process);
        LogRoot = Path.Combine(Path.GetTempPath(), "sglci-process-tests", Node.Name);
        Options = new ProcessRuntimeOptions
        {
            Python = Shim.Python,
            ServerHost = "127.0.0.1",
            FirstServerPort = FreePorts.Take(1)[0],
            ServerPortCount = 50,
            ReadinessPollInterval = TimeSpan.FromMilliseconds(200),
            StopTimeout = TimeSpan.FromSeconds(3),
            GpuVendor = SglangCi.Silo.Runtimes.Docker.GpuVendor.None,
        };
        configure?.Invoke(Options);
        Logs = new RunLogFiles(LogRoot);
        Runtime = new ProcessRuntime(Options, TimeProvider.System, NullLogger<ProcessRuntime>.Instance, Logs);
    }

    public SimulatedEngineShim Shim { get; }

    public NodeInventory Node { get; }

    public string LogRoot { get; }

    public ProcessRuntimeOptions Options { get; }

    public RunLogFiles Logs { get; }

    public ProcessRuntime Runtime { get; }

    public EngineLaunch Launch(IReadOnlyList<string> serverArgs, TimeSpan? startupTimeout = null, IReadOnlyDictionary<string, string>? environment = null) =>
        new($"run-{Guid.NewGuid().ToString("N")[..8]}", "bare-metal", "/models/simulated", serverArgs,
            environment ?? new Dictionary<string, string>(), startupTimeout ?? TimeSpan.FromSeconds(60));

    /// <summary>The pids the runtime's notes in a server log name ("… has pid N").</summary>
    public static IReadOnlyList<int> PidsIn(string logPath) =>
        [.. PidNote().Matches(File.ReadAllText(logPath)).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    /// <summary>Whether a process with that id runs (a zombie does not count).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The environment a running process was started with.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentOf(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);

    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        Shim.Dispose();
        if (Directory.Exists(LogRoot))
        {
            Directory.Delete(LogRoot, recursive: true);
        }
    }

    [GeneratedRegex(@"has pid (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex PidNote();
}
