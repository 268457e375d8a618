using System.Collections.Concurrent;
using System.Diagnostics;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// One of our programs as a child process (<c>dotnet X.dll …</c>) with its output captured for assertion messages;
/// disposing (or <see cref="KillAsync"/>) kills its whole process tree at once, like an OOM kill (its sockets close).
/// </summary>
public sealed class DotnetProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private DotnetProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Capture("out", e.Data);
        _process.ErrorDataReceived += (_, e) => Capture("err", e.Data);
    }

    /// <summary>What the process printed so far (the last 400 lines).</summary>
    public string CapturedOutput => string.Join('\n', _output.TakeLast(400));

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <param name="workingDirectory">Default: the assembly's folder, which holds its appsettings.json.</param>
    public static DotnetProcess Start(string assembly, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>> environment,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var child = new DotnetProcess(process);
        if (!process.Start())
        {
            throw new InvalidOperationException($"dotnet {assembly} did not start");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the process to end on its own; false if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Kills the process tree at once (no graceful shutdown).</summary>
    public async Task KillAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (TimeoutException)
        {
            // Still dying after 30 s: nothing more a test can do; the caller goes on cleaning up the rest.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Capture(string stream, string? line)
    {
        if (line is not null)
        {
            _output.Enqueue($"[{stream}] {line}");
        }
    }
}
