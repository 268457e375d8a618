using System.ComponentModel;
using System.Diagnostics;
using SglangCi.Grains.Runtime;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Silo.Runtimes.Processes;

/// <summary>
/// A child process of the silo (a server or a command) and everything it starts. It runs in a session and process group
/// of its own (through <c>setsid</c> when the host has it), its stdout and stderr stream into a <see cref="ContainerOutput"/>,
/// and the ids of its descendants are tracked while it runs, so that stopping (SIGTERM to all of them, then SIGKILL after
/// the grace) also reaches children that outlived their parent. Disposing stops it.
/// </summary>
internal sealed class LocalProcess : IAsyncDisposable
{
    private static readonly TimeSpan TrackInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(5);
    private static readonly Lazy<string?> Setsid = new(() => new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists));

    private readonly System.Diagnostics.Process _process;
    private readonly ProcessIdentity? _root;
    private readonly int? _group;
    private readonly Task _pumps;
    private readonly HashSet<ProcessIdentity> _family = [];
    private readonly CancellationTokenSource _tracking = new();
    private readonly Task _tracker;
    private readonly SemaphoreSlim _stopGate = new(1, 1);
    private bool _stopped;

    private LocalProcess(System.Diagnostics.Process process, bool ownGroup, ContainerOutput output)
    {
        _process = process;
        Pid = process.Id;
        _root = ProcessTree.Identify(Pid);
        _group = ownGroup ? Pid : null;
        _pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput.BaseStream, output, stderr: false),
            PumpAsync(process.StandardError.BaseStream, output, stderr: true));
        _tracker = TrackAsync(_tracking.Token);
        Exited = process.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>Completes when the process itself has exited.</summary>
    public Task Exited { get; }

    public int Pid { get; }

    /// <summary>The process as the kernel knew it right after it started (null where there is no <c>/proc</c>, or it had already gone).</summary>
    public ProcessIdentity? Identity => _root;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The processes of this one's family seen so far that still live (the process itself not included).</summary>
    public IReadOnlyList<ProcessIdentity> LiveFamily()
    {
        Track();
        lock (_family)
        {
            return [.. _family.Where(ProcessTree.IsAlive)];
        }
    }

    /// <summary>
    /// Starts <paramref name="command"/> (its program looked up on the <c>PATH</c> of <paramref name="environment"/>);
    /// throws <see cref="EngineStartException"/> when the program is not there or cannot be run.
    /// </summary>
    public static LocalProcess Start(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, string? workingDirectory, ContainerOutput output)
    {
        ArgumentOutOfRangeException.ThrowIfZero(command.Count);
        var program = Resolve(command[0], environment.GetValueOrDefault("PATH"), workingDirectory)
            ?? throw new EngineStartException($"program '{command[0]}' was not found (PATH={environment.GetValueOrDefault("PATH")})");
        var setsid = Setsid.Value;
        var start = new ProcessStartInfo(setsid ?? program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        if (setsid is not null)
        {
            start.ArgumentList.Add(program);
        }

        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new System.Diagnostics.Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new EngineStartException($"'{program}' could not be started: {e.Message}", e);
        }

        // Nothing reads the child's stdin: it sees end of input at once, not the silo's terminal.
        process.StandardInput.Close();
        return new LocalProcess(process, setsid is not null, output);
    }

    /// <summary>Waits until the process exited and its output has been read (briefly, if a leftover child still holds it open).</summary>
    public async Task WaitForExitAsync(CancellationToken ct)
    {
        await _process.WaitForExitAsync(ct);
        await DrainOutputAsync();
    }

    /// <summary>Lets the output of an exited process reach the log (bounded: a leftover child may keep the pipes open).</summary>
    public async Task DrainOutputAsync()
    {
        try
        {
            await _pumps.WaitAsync(OutputDrainTimeout);
        }
        catch (TimeoutException)
        {
            // A descendant still holds the pipes; stopping kills it and ends the pumps.
        }
    }

    /// <summary>
    /// SIGTERM to the process, its process group and every descendant seen; after <paramref name="grace"/> (or when
    /// <paramref name="ct"/> is cancelled) SIGKILL to whatever of them still lives. Returns once all of them are gone.
    /// </summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken ct = default)
    {
        await _stopGate.WaitAsync(CancellationToken.None);
        try
        {
            if (_stopped)
            {
                return;
            }

            Track();
            Signal(ProcessTree.SigTerm);
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < grace && !ct.IsCancellationRequested && AnyAlive())
            {
                try
                {
                    await Task.Delay(100, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                Track();
            }

            KillNow();
            try
            {
                await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            }
            catch (TimeoutException)
            {
                // Killed but not reaped yet (uninterruptible sleep in a driver); the loop below keeps killing.
            }

            var stillAlive = Stopwatch.StartNew();
            while (AnyAlive() && stillAlive.Elapsed < TimeSpan.FromSeconds(5))
            {
                KillNow();
                await Task.Delay(50, CancellationToken.None);
            }

            await DrainOutputAsync();
            _stopped = true;
        }
        finally
        {
            _stopGate.Release();
        }
    }

    /// <summary>SIGKILL to the process, its group and every descendant seen, at once and without waiting (also for the silo's exit).</summary>
    public void KillNow()
    {
        Track();
        Signal(ProcessTree.SigKill);
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            await _tracking.CancelAsync();
            try
            {
                await _tracker;
            }
            catch (OperationCanceledException)
            {
                // Stopped tracking.
            }

            _tracking.Dispose();
            _process.Dispose();
        }
    }

    private bool AnyAlive()
    {
        if (!_process.HasExited)
        {
            return true;
        }

        lock (_family)
        {
            return _family.Any(ProcessTree.IsAlive);
        }
    }

    private void Signal(int signal)
    {
        if (_root is { } root)
        {
            ProcessTree.Signal(root, signal);
        }

        if (_group is { } group)
        {
            ProcessTree.SignalGroup(group, signal);
        }

        lock (_family)
        {
            foreach (var member in _family)
            {
                ProcessTree.Signal(member, signal);
            }
        }
    }

    /// <summary>Adds the descendants (and group members) living now to the family; those reparented later are still known.</summary>
    private void Track()
    {
        var family = ProcessTree.Family(Pid, _group);
        lock (_family)
        {
            _family.UnionWith(family);
            _family.RemoveWhere(p => !ProcessTree.IsAlive(p));
        }
    }

    private async Task TrackAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TrackInterval);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                Track();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // /proc changed under the scan; the next tick sees it again.
            }
        }
    }

    private static async Task PumpAsync(Stream stream, ContainerOutput output, bool stderr)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                await output.AppendAsync(buffer, read, stderr, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe closed under us: the process is gone.
        }
    }

    /// <summary>The program's full path: as given when it names a path (relative to the working directory), else the first executable of that name on <paramref name="path"/>.</summary>
    private static string? Resolve(string program, string? path, string? workingDirectory)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(program, workingDirectory ?? Environment.CurrentDirectory);
            return File.Exists(full) ? full : null;
        }

        return (path ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(candidate => File.Exists(candidate) && IsExecutable(candidate));
    }

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
